import { shortInstruction } from './layer-parts';
import { onImageScale } from './analyze-image-size';
import { type HistoryEntry, summarizeImageSize } from './summarize-image-size';

// `docker history` of an image the app built on the test engine (newest first), sizes as recorded.
const HISTORY: HistoryEntry[] = [
  { Id: 'sha256:acd5', CreatedBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.created=2026-11-25T08:40:48.318Z', Size: 0 },
  {
    Id: 'sha256:3fb2',
    CreatedBy: '/bin/sh -c #(nop)  LABEL org.opencontainers.image.title=rib-test/explore:1 io.github.runtime-image-builder.app=RIB 0.0.0',
    Size: 0,
  },
  {
    Id: 'sha256:4015',
    CreatedBy:
      '|2 PIP_INDEX_URL=http://127.0.0.1:5001/simple PIP_TRUSTED_HOST=127.0.0.1 /bin/sh -c python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt',
    Size: 2567,
  },
  {
    Id: 'sha256:b210',
    CreatedBy: '/bin/sh -c #(nop) COPY file:c1783dd42dcf16c67ab7f49477585b864e63ab0648768d8df579ce9fe19852df in /tmp/runtime-image-builder/ ',
    Size: 34,
  },
  {
    Id: 'sha256:efa8',
    CreatedBy:
      '|2 PIP_INDEX_URL=http://127.0.0.1:5001/simple PIP_TRUSTED_HOST=127.0.0.1 /bin/sh -c python3 -m pip install -r /tmp/runtime-image-builder/requirements-elyra.txt',
    Size: 23641,
  },
  {
    Id: 'sha256:09fa',
    CreatedBy: '/bin/sh -c #(nop) COPY file:513ec78abf9c2440925d59537d1f8416d494961171000bde9e4d273ec9937216 in /tmp/runtime-image-builder/ ',
    Size: 316,
  },
  { Id: 'sha256:b66b', CreatedBy: '/bin/sh -c #(nop)  ARG PIP_TRUSTED_HOST', Size: 0 },
  { Id: 'sha256:6b64', CreatedBy: '/bin/sh -c #(nop)  ARG PIP_INDEX_URL', Size: 0 },
  {
    Id: 'sha256:c678',
    CreatedBy:
      '/bin/sh -c command -v curl >/dev/null 2>&1 || (apt-get update && apt-get install -y --no-install-recommends curl ca-certificates && rm -rf /var/lib/apt/lists/*)',
    Size: 4_200_000,
  },
  {
    Id: 'sha256:7ba3',
    CreatedBy: '/bin/sh -c #(nop)  ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_ROOT_USER_ACTION=ignore PYTHONDONTWRITEBYTECODE=1',
    Size: 0,
  },
  { Id: 'sha256:5c78', CreatedBy: '', Size: 191_237_006 },
  { Id: '<missing>', CreatedBy: '/bin/sh -c #(nop) ADD file:abc in / ', Size: 80_000_000 },
];

describe('summarizeImageSize', () => {
  it('groups layers by recipe part, base below the recipe', () => {
    const report = summarizeImageSize('sha256:acd5', HISTORY, []);
    expect(Object.fromEntries(report.parts.map((p) => [p.part, p.sizeBytes]))).toEqual({
      base: 271_237_006,
      system: 4_200_000,
      elyra: 23641,
      user: 2567,
      other: 350,
    });
    expect(report.totalBytes).toBe(271_237_006 + 4_200_000 + 23641 + 2567 + 350);
    expect(report.addedBytes).toBe(4_200_000 + 23641 + 2567 + 350);
    expect(report.layers[0]).toEqual({ id: null, part: 'base', instruction: 'ADD file:abc in /', sizeBytes: 80_000_000 });
    expect(report.layers.at(-1)?.part).toBe('other');
  });

  it("gives no id to a layer Podman marks sha256:<missing>, as to Docker's <missing>", () => {
    const report = summarizeImageSize('x', [{ Id: 'sha256:<missing>', CreatedBy: '', Size: 199_454_720 }], []);
    expect(report.layers[0]?.id).toBeNull();
  });

  it('counts an image the app did not build as all base', () => {
    const report = summarizeImageSize('x', HISTORY.slice(-2), []);
    expect(report.addedBytes).toBe(0);
  });

  it('treats a base the app built earlier as base: only the newest recipe is ours', () => {
    const report = summarizeImageSize('x', [...HISTORY.slice(0, 3), HISTORY[9] as HistoryEntry, ...HISTORY], []);
    expect(report.parts.find((p) => p.part === 'user')?.sizeBytes).toBe(2567);
    expect(report.parts.find((p) => p.part === 'elyra')?.sizeBytes).toBe(0);
  });

  it('keeps the ten largest packages, largest first', () => {
    const packages = Array.from({ length: 14 }, (_, i) => ({ name: `p${i}`, version: '1', sizeBytes: i * 100 }));
    expect(summarizeImageSize('x', HISTORY, packages).largestPackages.map((p) => p.name)).toEqual([
      'p13',
      'p12',
      'p11',
      'p10',
      'p9',
      'p8',
      'p7',
      'p6',
      'p5',
      'p4',
    ]);
  });

  it('shortens an instruction as the user reads it, build args dropped', () => {
    expect(shortInstruction(HISTORY[2]?.CreatedBy ?? '')).toBe('RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt');
    expect(shortInstruction('|1 PIP_EXTRA_INDEX_URL=https://a/simple https://b/simple /bin/sh -c echo hi')).toBe('RUN echo hi');
    // BuildKit's history (Docker 28.5).
    expect(
      shortInstruction(
        'RUN |2 PIP_INDEX_URL=http://127.0.0.1:5001/simple PIP_TRUSTED_HOST=127.0.0.1 /bin/sh -c python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt # buildkit',
      ),
    ).toBe('RUN python3 -m pip install -r /tmp/runtime-image-builder/requirements.txt');
    expect(shortInstruction('RUN /bin/sh -c command -v curl >/dev/null 2>&1 # buildkit')).toBe('RUN command -v curl >/dev/null 2>&1');
    expect(shortInstruction('COPY requirements.txt /tmp/runtime-image-builder/ # buildkit')).toBe('COPY requirements.txt /tmp/runtime-image-builder/');
  });
});

describe('layer sizes on every store', () => {
  const entry = (Id: string, Size: number) => ({ Id, CreatedBy: 'RUN x', Size });
  it("the containerd store's rounded disk usage is scaled to the image's size, Podman's few KB made up, overlay2's kept", () => {
    const rounded = [entry('a', 4096), entry('b', 200_003_584), entry('c', 19_062_688)];
    const scaled = onImageScale(rounded, 199_472_816);
    expect(scaled.reduce((s, e) => s + e.Size, 0)).toBe(199_472_816);
    expect(scaled.map((e) => e.Size)).toEqual([3729, 182_111_706, 17_357_381]);
    const exact = [entry('a', 0), entry('b', 191_237_006), entry('c', 26_558)];
    expect(onImageScale(exact, 191_263_564)).toEqual(exact);
    // Podman's history sum is a few KB off its inspect size: the difference goes to the largest layer.
    const podman = [entry('a', 4096), entry('b', 199_669_248)];
    expect(onImageScale(podman, 199_681_791).map((e) => e.Size)).toEqual([4096, 199_677_695]);
    expect(onImageScale(rounded, null)).toEqual(rounded);
  });
});
