// Layers that follow what was installed, on a real engine through the app core: a first build with a
// 60 MB package (ribdemo-heavy, test/infra/make-wheels.py) measures it; the next build of the same
// image gives it a layer of its own; adding a small package after that rebuilds only the layers of
// the list, and the heavy layer keeps its digest; changing the heavy package redoes its layer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BuildJobResult } from '../../electron/contract/domain/build';
import type { ChannelInput, ChannelResult, InvokeChannel } from '../../electron/contract/ipc';
import type { Envelope } from '../../electron/contract/errors';
import type { Recipe } from '../../electron/contract/domain/recipe';
import type { AppCore } from '../../electron/core/app-core';
import { engineMissingReason, testEngineClient } from '../support/engine-env';
import { startHeadlessCore } from '../support/headless-core';

const missing = engineMissingReason();
const IMAGE = `rib-test/layers-${Date.now().toString(36)}:1`;

function valueOf<T>(result: Envelope<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  return result.value;
}

describe.skipIf(missing !== null)('heavy packages in layers of their own', () => {
  const docker = testEngineClient();
  let core: AppCore;
  let dataDir: string;
  let recipe: Recipe;
  const pushed: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rib-layers-'));
    ({ core } = startHeadlessCore({ publish: () => undefined, dataDir, env: process.env, homedir: dataDir, version: '0.0.0-layers-test' }));
    const index = new URL(process.env['RIB_INDEX_URL'] ?? '');
    await call('settings:update', {
      patch: {
        packageIndex: { indexUrl: index.href, extraIndexUrls: [], trustedHosts: [index.hostname] },
        elyraVersion: 'main',
        pythonVersion: '3.11',
        buildNetwork: 'host',
      },
    });
    recipe = { ...(await call('recipe:default', {})), imageName: IMAGE, pythonVersion: '3.11' };
  });

  afterAll(async () => {
    for (const name of [IMAGE, ...pushed])
      await docker
        .getImage(name)
        .remove({ force: true })
        .catch(() => undefined);
    await core?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const call = async <C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<ChannelResult<C>> =>
    valueOf((await core.dispatch(channel, input)) as Envelope<ChannelResult<C>>, channel);

  const withPackages = (...lines: string[]): Recipe => ({
    ...recipe,
    packages: lines.map((text, i) => ({ id: `p${i}`, text, origin: { file: null, line: null } })),
  });

  async function build(next: Recipe): Promise<{ result: BuildJobResult; dockerfile: string }> {
    const plan = await call('recipe:plan', { recipe: next });
    const started = await call('build:start', { recipe: next });
    const done = await core.jobs.wait(started.id);
    expect(done.status, JSON.stringify(done.error)).toBe('succeeded');
    return { result: done.result as BuildJobResult, dockerfile: plan.dockerfile };
  }

  const heavyLayer = (result: BuildJobResult, pin: string) => result.size.changes?.layers.find((l) => l.instruction.includes(pin));

  it('measures, then layers, then rebuilds only the light layer after a small package is added', async () => {
    const first = await build(withPackages('ribdemo-heavy', 'ribdemo-alpha==1.1.0'));
    expect(first.dockerfile).not.toContain('own layer');
    const listed = (await call('history:list', {})).entries[0];
    expect(listed?.heavy?.map((h) => [h.name, h.version, h.dependencies])).toEqual([['ribdemo-heavy', '1.1.0', ['ribdemo-heavy-runtime==1.0.0']]]);
    expect(listed?.heavy?.[0]?.sizeBytes).toBeGreaterThan(60_000_000);

    // The next build of the same image: ribdemo-heavy goes first, in its own layer, pinned.
    const second = await build(withPackages('ribdemo-heavy', 'ribdemo-alpha==1.1.0', 'ribdemo-delta'));
    expect(second.dockerfile).toMatch(/# ribdemo-heavy 1\.1\.0 with the 1 package it needs \(6\d MB last build\) in its own layer/);
    // Under BuildKit (Docker 28) with pip's cache mount.
    expect(second.dockerfile).toMatch(/pip install (--cache-dir=\S+ )?ribdemo-heavy==1\.1\.0 ribdemo-heavy-runtime==1\.0\.0\n/);
    const layered = heavyLayer(second.result, 'ribdemo-heavy==1.1.0');
    // The containerd store's layer sizes are its disk usage scaled to the image (analyze-image-size.ts).
    expect(layered?.sizeBytes).toBeGreaterThan(50_000_000);

    // One small package more: the heavy layer is the same layer, only the list's layers changed.
    const third = await build(withPackages('ribdemo-heavy', 'ribdemo-alpha==1.1.0', 'ribdemo-delta', 'ribdemo-epsilon'));
    const reused = heavyLayer(third.result, 'ribdemo-heavy==1.1.0');
    expect(reused?.diffId).toBe(layered?.diffId);
    expect(reused?.changed).toBe(false);
    const changes = third.result.size.changes;
    const changed = changes?.layers.filter((l) => l.changed) ?? [];
    console.log(`[layers] after adding a small package: ${changed.map((l) => `${l.instruction} (${l.sizeBytes} B)`).join('; ')}`);
    expect(changed.some((l) => l.instruction.includes('-r /tmp/runtime-image-builder/requirements.txt'))).toBe(true);
    // Everything that changed comes after the heavy layer, and is small.
    const layers = changes?.layers ?? [];
    const heavyAt = layers.findIndex((l) => l.diffId === reused?.diffId);
    expect(layers.findIndex((l) => l.changed)).toBeGreaterThan(heavyAt);
    expect(changes?.changedBytes).toBeLessThan(1_000_000);
  }, 600_000);

  it('a changed heavy package redoes its own layer', async () => {
    const before = (await call('history:list', {})).entries[0];
    const next = withPackages('ribdemo-heavy==1.0.0', 'ribdemo-alpha==1.1.0', 'ribdemo-delta', 'ribdemo-epsilon');
    const plan = await call('recipe:plan', { recipe: next });
    expect(plan.layers?.[0]).toMatchObject({ name: 'ribdemo-heavy', changed: true, installs: ['ribdemo-heavy==1.0.0'] });
    const { result } = await build(next);
    const redone = heavyLayer(result, 'ribdemo-heavy==1.0.0');
    expect(redone?.changed).toBe(true);
    expect(redone?.sizeBytes).toBeGreaterThan(50_000_000);
    expect(before?.layers?.some((l) => l.diffId === redone?.diffId)).toBe(false);
    const after = (await call('history:list', {})).entries[0];
    expect(after?.heavy?.map((h) => `${h.name}==${h.version}`)).toEqual(['ribdemo-heavy==1.0.0']);
  }, 600_000);

  it('asks the registry what a push will send: nothing again, then only the layers of one more package', async () => {
    const registry = process.env['RIB_REGISTRY'] ?? '127.0.0.1:5000';
    await call('registry:login', {
      registry,
      username: process.env['RIB_REGISTRY_USER'] ?? 'testuser',
      password: process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass',
      sessionOnly: true,
    });
    const reference = `${registry}/${IMAGE}`;
    pushed.push(reference);
    // Never pushed: the estimate is the layers changed since the last build, and says so.
    expect(await call('push:estimate', { image: IMAGE })).toMatchObject({ reference: null, basis: 'changed-layers', note: 'not pushed yet' });
    const job = await core.jobs.wait((await call('push:start', { image: IMAGE, reference })).id);
    expect(job.status, JSON.stringify(job.error)).toBe('succeeded');
    expect(await call('push:estimate', { image: IMAGE })).toMatchObject({ reference, basis: 'registry', bytes: 0, layers: 0 });

    await build(withPackages('ribdemo-heavy==1.0.0', 'ribdemo-alpha==1.1.0', 'ribdemo-delta', 'ribdemo-epsilon', 'ribdemo-zeta'));
    const estimate = await call('push:estimate', { image: IMAGE });
    console.log(`[layers] push estimate after one more package: ${JSON.stringify(estimate)}`);
    expect(estimate).toMatchObject({ reference, basis: 'registry', note: null });
    expect(estimate.layers).toBeGreaterThan(0);
    expect(estimate.layers).toBeLessThanOrEqual(3);
    expect(estimate.bytes).toBeLessThan(1_000_000);
  }, 600_000);
});
