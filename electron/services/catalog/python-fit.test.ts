import { fileFit, wheelArch } from './file-fit';
import { checkPythonFit, IndexPageCache } from './python-fit';
import { filesFromHtml } from './simple-page';

const file = (filename: string, requiresPython: string | null = null) => ({ filename, requiresPython, yanked: false });

describe('which files of a release pip could use on a Python', () => {
  it('reads wheel tags as pip matches them on CPython and glibc Linux', () => {
    const x86 = wheelArch('linux/amd64');
    expect(x86).toBe('x86_64');
    expect(wheelArch('linux/arm64')).toBe('aarch64');
    expect(fileFit(file('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), '3.12', x86)).toBe('wheel');
    expect(fileFit(file('numpy-1.26.4-cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64.whl'), '3.13', x86)).toBe('none');
    expect(fileFit(file('numpy-1.26.4-cp312-cp312-manylinux_2_17_aarch64.whl'), '3.12', x86)).toBe('none');
    expect(fileFit(file('numpy-1.26.4-cp312-cp312-musllinux_1_1_x86_64.whl'), '3.12', x86)).toBe('none');
    // A glibc newer than the bases': pip on Debian 12 would not take it.
    expect(fileFit(file('x-1.0-cp312-cp312-manylinux_2_39_x86_64.whl'), '3.12', x86)).toBe('none');
    expect(fileFit(file('cryptography-42.0.0-cp39-abi3-manylinux_2_28_x86_64.whl'), '3.13', x86)).toBe('wheel');
    expect(fileFit(file('cryptography-42.0.0-cp39-abi3-manylinux_2_28_x86_64.whl'), '3.8', x86)).toBe('none');
    expect(fileFit(file('six-1.16.0-py2.py3-none-any.whl'), '3.13', x86)).toBe('wheel');
    expect(fileFit(file('old-1.0-py2-none-any.whl'), '3.12', x86)).toBe('none');
  });

  it('an sdist can be built (needs a compiler); requires-python and yanked files are out', () => {
    expect(fileFit(file('pyzmq-24.0.1.tar.gz'), '3.12', 'x86_64')).toBe('sdist');
    expect(fileFit(file('pandas-2.2.3-cp313-cp313-manylinux_2_17_x86_64.whl', '>=3.9'), '3.13', 'x86_64')).toBe('wheel');
    expect(fileFit(file('newer-2.0-py3-none-any.whl', '>=3.13'), '3.12', 'x86_64')).toBe('none');
    expect(fileFit({ filename: 'x-1.0-py3-none-any.whl', requiresPython: null, yanked: true }, '3.12', 'x86_64')).toBe('none');
  });

  it('reads data-requires-python from a PEP 503 page, HTML-escaped', () => {
    const html =
      '<a href="../p/x-1.0-py3-none-any.whl#sha256=ab" data-requires-python="&gt;=3.9,&lt;3.12">x-1.0-py3-none-any.whl</a><a href="y" data-yanked="">x-0.9.tar.gz</a>';
    expect(filesFromHtml(html)).toEqual([
      { filename: 'x-1.0-py3-none-any.whl', requiresPython: '>=3.9,<3.12', yanked: false },
      { filename: 'x-0.9.tar.gz', requiresPython: null, yanked: true },
    ]);
  });
});

/** A fake index: project → files, answered as PEP 691 JSON like PyPI does. */
function jsonIndex(projects: Record<string, { filename: string; 'requires-python'?: string }[]>, seen: string[] = []): typeof fetch {
  return async (input) => {
    const url = String(input);
    seen.push(url);
    const name = /\/([^/]+)\/$/.exec(url)?.[1] ?? '';
    const files = projects[name];
    if (!files) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify({ files }), { headers: { 'content-type': 'application/vnd.pypi.simple.v1+json' } });
  };
}

const oldTutorial = {
  pandas: [
    { filename: 'pandas-1.3.5-cp39-cp39-manylinux_2_17_x86_64.whl' },
    { filename: 'pandas-1.3.5-cp310-cp310-manylinux_2_17_x86_64.whl' },
    { filename: 'pandas-1.3.5.tar.gz' },
  ],
  requests: [{ filename: 'requests-2.31.0-py3-none-any.whl', 'requires-python': '>=3.7' }],
  torch: [{ filename: 'torch-2.0.0-cp310-cp310-manylinux1_x86_64.whl' }, { filename: 'torch-2.0.0-cp311-cp311-manylinux1_x86_64.whl' }],
};
const pins = [
  { name: 'pandas', version: '1.3.5', where: 'line 1 of requirements.txt' },
  { name: 'requests', version: '2.31.0', where: 'line 2 of requirements.txt' },
  { name: 'torch', version: '2.0.0', where: 'line 3 of requirements.txt' },
];

describe('checkPythonFit: old pins caught before the build, with the Python that fits them', () => {
  it('names each pin that does not install on the chosen Python and proposes none when no offered Python fits all', async () => {
    const report = await checkPythonFit({
      pins,
      indexUrl: 'https://pypi.example/simple',
      platform: 'linux/amd64',
      python: '3.13',
      offered: ['3.13', '3.12', '3.11'],
      fetch: jsonIndex(oldTutorial),
      cache: new IndexPageCache(),
    });
    expect(report.pins.map((p) => [p.name, p.fit])).toEqual([
      ['pandas', 'sdist'],
      ['requests', 'wheel'],
      ['torch', 'none'],
    ]);
    expect(report.pins[0]?.message).toBe(
      'pandas==1.3.5 has no wheel for Python 3.13 (x86_64): pip would compile it from source, which needs a compiler and often fails on slim images. None of the Pythons on offer has a wheel for it either.',
    );
    expect(report.pins[2]?.message).toBe('torch==2.0.0 has nothing pip can install on Python 3.13 (x86_64). It has wheels for Python 3.11.');
    expect(report.suggestion).toBeNull();
    expect(report.summary).toBe(
      'pandas==1.3.5 and torch==2.0.0 do not install as a wheel on Python 3.13, and no Python on offer has wheels for every pin: change those pins.',
    );
  });

  it('proposes the newest offered Python that has a wheel for every pin', async () => {
    const report = await checkPythonFit({
      pins: pins.slice(1),
      indexUrl: null,
      platform: 'linux/amd64',
      python: '3.13',
      offered: ['3.13', '3.12', '3.11', '3.10'],
      fetch: jsonIndex(oldTutorial),
      cache: new IndexPageCache(),
    });
    expect(report.suggestion).toBe('3.11');
    expect(report.summary).toBe('torch==2.0.0 does not install as a wheel on Python 3.13; Python 3.11 has wheels for every pin.');
    const fits = await checkPythonFit({
      pins: pins.slice(1),
      indexUrl: null,
      platform: 'linux/amd64',
      python: '3.11',
      offered: ['3.13', '3.12', '3.11'],
      fetch: jsonIndex(oldTutorial),
      cache: new IndexPageCache(),
    });
    expect(fits).toMatchObject({ suggestion: null, summary: null });
    expect(fits.pins.every((p) => p.message === null)).toBe(true);
  });

  it('a version the index does not have is named; an index that cannot be asked is said, not guessed', async () => {
    const missing = await checkPythonFit({
      pins: [{ name: 'requests', version: '9.9.9', where: null }],
      indexUrl: null,
      platform: 'linux/amd64',
      python: '3.12',
      offered: ['3.12'],
      fetch: jsonIndex(oldTutorial),
      cache: new IndexPageCache(),
    });
    expect(missing.pins[0]?.message).toBe('requests==9.9.9 is not on the package index: check the version, or the index in Settings.');
    const offline: typeof fetch = async () => {
      throw new TypeError('fetch failed');
    };
    const unknown = await checkPythonFit({
      pins,
      indexUrl: null,
      platform: 'linux/amd64',
      python: '3.12',
      offered: ['3.12'],
      fetch: offline,
      cache: new IndexPageCache(),
    });
    expect(unknown.pins.every((p) => p.fit === 'unknown' && p.message === null)).toBe(true);
    expect(unknown.unreachable).toBe('The package index could not be asked about pandas, requests and torch; the build will tell.');
    expect(unknown.summary).toBeNull();
  });

  it('asks the index once per project for a while, whatever the Python', async () => {
    const seen: string[] = [];
    const cache = new IndexPageCache();
    const index = jsonIndex(oldTutorial, seen);
    await checkPythonFit({ pins, indexUrl: null, platform: 'linux/amd64', python: '3.12', offered: ['3.12'], fetch: index, cache });
    await checkPythonFit({ pins, indexUrl: null, platform: 'linux/amd64', python: '3.11', offered: ['3.11'], fetch: index, cache });
    expect(seen).toHaveLength(3);
  });
});
