import type Dockerode from 'dockerode';
import { InterruptedBuilds, isBuildLeftover } from './build-leftovers';

describe('which containers a build left', () => {
  const scope = {
    before: new Set(['old-container-id']),
    containerIds: ['65f0d87f0422'],
    // Base image first, then the images the steps made.
    layerIds: ['5c7874eca72f', '555568ed4671'],
    instructions: ['FROM python:3.11-slim', 'ENV PIP_NO_CACHE_DIR=1', 'RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt'],
  };
  const pip = "/bin/sh -c 'python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt'";

  it('is one the build named', () => {
    expect(isBuildLeftover({ Id: '65f0d87f0422aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', ImageID: 'sha256:ffff', Command: 'x' }, scope)).toBe(true);
  });

  it("is a new one made from one of the build's step images", () => {
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:555568ed4671bbbbbbbb', Command: pip }, scope)).toBe(true);
  });

  it("is a new one made from the base only when it runs one of the build's instructions", () => {
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: "/bin/sh -c '#(nop) ' 'ENV PIP_NO_CACHE_DIR=1'" }, scope)).toBe(true);
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: pip }, scope)).toBe(true);
    // The user's own `docker run python:3.11-slim python3` is not ours to remove.
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:5c7874eca72fcccc', Command: 'python3' }, scope)).toBe(false);
  });

  it("is never one that existed before, or another image's", () => {
    expect(isBuildLeftover({ Id: 'old-container-id', ImageID: 'sha256:555568ed4671bbbbbbbb', Command: pip }, scope)).toBe(false);
    expect(isBuildLeftover({ Id: 'new', ImageID: 'sha256:0123456789ab', Command: pip }, scope)).toBe(false);
  });
});

describe("which of Podman's build containers a build left", () => {
  // Podman prints no image for step 1 and names no container: its step images, then the base by name.
  const scope = {
    before: new Set(['older-working-container']),
    containerIds: [],
    layerIds: ['264c8a230290', 'c696b514a300'],
    instructions: ['FROM python:3.11-slim'],
    baseImage: 'python:3.11-slim',
  };
  const base = '4099f656a46d97a502215a300b92e302f3451235139dec71c95863d8a7c13f5e';

  it('is a new working container made from one of its step images or from its base', () => {
    expect(
      isBuildLeftover({ Id: 'new', ImageID: '264c8a23029035f83b4a643fbc4b94dcbd9dfff5b37cf5f60711c10f95844fb5', Command: 'buildah', builder: true }, scope),
    ).toBe(true);
    expect(isBuildLeftover({ Id: 'new', ImageID: base, Command: 'buildah', builder: true }, scope, [`sha256:${base}`])).toBe(true);
  });

  it("is never one that existed before, another image's, or a container of the user's", () => {
    expect(isBuildLeftover({ Id: 'older-working-container', ImageID: base, Command: 'buildah', builder: true }, scope, [`sha256:${base}`])).toBe(false);
    expect(isBuildLeftover({ Id: 'new', ImageID: '0123456789abcdef', Command: 'buildah', builder: true }, scope, [`sha256:${base}`])).toBe(false);
    expect(isBuildLeftover({ Id: 'new', ImageID: `sha256:${base}`, Command: 'python3' }, scope, [`sha256:${base}`])).toBe(false);
  });
});

describe('builds the engine stopped under', () => {
  const scope = { before: new Set<string>(), containerIds: ['65f0d87f0422'], layerIds: ['5c7874eca72f', '555568ed4671'], instructions: [] };
  const pip = "/bin/sh -c 'python3 -m pip install'";

  /** An engine holding these containers; down while `down` is true; records what was removed. */
  function engine(containers: { Id: string; ImageID: string; State: string }[], state: { down: boolean; removed: string[] }): Dockerode {
    const fake = {
      listContainers: async () => {
        if (state.down) throw Object.assign(new Error('connect ENOENT'), { code: 'ENOENT' });
        return containers.map((c) => ({ ...c, Command: pip }));
      },
      getContainer: (id: string) => ({ remove: async () => void state.removed.push(id) }),
    };
    return fake as unknown as Dockerode;
  }

  it('keeps a build while the engine is down, then removes its stopped containers once it answers', async () => {
    const state = { down: true, removed: [] as string[] };
    const docker = engine(
      [
        { Id: '65f0d87f0422aaaa', ImageID: 'sha256:ffff', State: 'dead' },
        // Another build is running a step on the same cached image: not ours to stop.
        { Id: 'running-elsewhere', ImageID: 'sha256:555568ed4671bbbb', State: 'running' },
        { Id: 'exited-step', ImageID: 'sha256:555568ed4671bbbb', State: 'exited' },
      ],
      state,
    );
    const interrupted = new InterruptedBuilds();
    interrupted.remember(scope);
    expect(await interrupted.sweep(docker)).toEqual([]);
    expect(interrupted.size).toBe(1);
    state.down = false;
    expect(await interrupted.sweep(docker)).toEqual(['65f0d87f0422aaaa', 'exited-step']);
    expect(state.removed).toEqual(['65f0d87f0422aaaa', 'exited-step']);
    expect(interrupted.size).toBe(0);
  });

  it("remembers a Podman build from its first step: the base's working container has no id in the output", () => {
    const interrupted = new InterruptedBuilds();
    interrupted.remember({ ...scope, containerIds: [], layerIds: [], baseImage: 'python:3.11-slim' });
    expect(interrupted.size).toBe(1);
  });

  it('does not remember a build that made nothing yet', () => {
    const interrupted = new InterruptedBuilds();
    interrupted.remember({ ...scope, containerIds: [], layerIds: ['5c7874eca72f'] });
    expect(interrupted.size).toBe(0);
  });
});
