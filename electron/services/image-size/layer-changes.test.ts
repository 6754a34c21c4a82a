import type { ImageLayer } from '../../contract/domain/verify';
import { attachDiffIds, builtLayers, layerChanges, pushEstimate } from './layer-changes';

const d = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const layer = (instruction: string, sizeBytes: number): ImageLayer => ({ id: null, part: 'user', instruction, sizeBytes });

describe('attachDiffIds', () => {
  const history = [
    layer('(base image layer)', 80_000_000),
    layer('ENV PIP_NO_CACHE_DIR=1', 0),
    layer('RUN command -v curl >/dev/null 2>&1', 0),
    layer('COPY requirements.txt /tmp/runtime-image-builder/', 40),
    layer('RUN python3 -m pip install ribdemo-heavy==1.0.0', 60_000_000),
    layer('RUN mkdir -p /opt/app-root/src && chgrp -R 0 /opt/app-root/src', 0),
    layer('LABEL a=b', 0),
  ];

  it('BuildKit keeps no empty layer: only the entries with bytes get one', () => {
    const attached = attachDiffIds(history, [d(1), d(2), d(3)]);
    expect(attached.map((l) => l.diffId)).toEqual([d(1), undefined, undefined, d(2), d(3), undefined, undefined]);
  });

  it('a layer of 0 bytes goes to the newest empty RUN (chgrp, chmod), not to ENV or LABEL, nor to the curl check', () => {
    const attached = attachDiffIds(history, [d(1), d(2), d(3), d(4)]);
    expect(attached.map((l) => l.diffId)).toEqual([d(1), undefined, undefined, d(2), d(3), d(4), undefined]);
  });

  it('two layers of 0 bytes: both empty RUN steps made one', () => {
    const attached = attachDiffIds(history, [d(1), d(2), d(3), d(4), d(5)]);
    expect(attached.map((l) => l.diffId)).toEqual([d(1), undefined, d(2), d(3), d(4), d(5), undefined]);
  });
});

describe('layerChanges', () => {
  const before = [
    { diffId: d(1), sizeBytes: 80_000_000, instruction: 'base' },
    { diffId: d(2), sizeBytes: 60_000_000, instruction: 'RUN … ribdemo-heavy==1.0.0' },
    { diffId: d(3), sizeBytes: 5_000, instruction: 'RUN … -r requirements.txt' },
  ];

  it('marks the layers the previous build of the image did not have, and adds up their bytes', () => {
    const after = [before[0], before[1], { diffId: d(4), sizeBytes: 7_000, instruction: 'RUN … -r requirements.txt' }].filter((l) => l !== undefined);
    const changes = layerChanges(after, { builtAt: '2026-12-07T10:00:00Z', layers: before });
    expect(changes.layers.map((l) => l.changed)).toEqual([false, false, true]);
    expect(changes.changedBytes).toBe(7_000);
    expect(changes.previousBuildAt).toBe('2026-12-07T10:00:00Z');
  });

  it('a first build: every layer is new', () => {
    expect(layerChanges(before, null).changedBytes).toBe(140_005_000);
  });

  it('keeps only layers with a content digest', () => {
    expect(builtLayers([{ ...layer('RUN x', 3), diffId: d(9) }, layer('ENV y', 0)])).toEqual([{ diffId: d(9), sizeBytes: 3, instruction: 'RUN x' }]);
  });
});

describe('pushEstimate', () => {
  const layers = [
    { diffId: d(1), sizeBytes: 80_000_000, instruction: 'base' },
    { diffId: d(2), sizeBytes: 300_000_000, instruction: 'RUN … ribdemo-framework==1.0.0' },
    { diffId: d(3), sizeBytes: 9_000, instruction: 'RUN … -r requirements.txt' },
  ];
  const changes = layerChanges(layers, { builtAt: 'x', layers: layers.slice(0, 2) });

  it('counts the layers the registry lacks under the push reference', () => {
    expect(pushEstimate('r/a:1', layers, new Set([d(1), d(2)]), changes, null)).toEqual({
      reference: 'r/a:1',
      basis: 'registry',
      bytes: 9_000,
      layers: 1,
      totalLayers: 3,
      note: null,
    });
    // A first push to that reference: the registry has nothing there.
    expect(pushEstimate('r/a:1', layers, new Set(), changes, null).bytes).toBe(300_009_000 + 80_000_000);
  });

  it('without the registry, the layers changed since the last build, as an estimate with why', () => {
    expect(pushEstimate(null, layers, null, changes, 'not pushed yet')).toMatchObject({
      basis: 'changed-layers',
      bytes: 9_000,
      layers: 1,
      note: 'not pushed yet',
    });
    expect(pushEstimate(null, layers, null, null, null).bytes).toBe(380_009_000);
  });
});
