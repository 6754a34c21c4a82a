import { listVersions, versionFromFilename } from './index-versions';

describe('versionFromFilename', () => {
  it.each([
    ['pandas-2.2.3-cp312-cp312-manylinux_2_17_x86_64.whl', 'pandas', '2.2.3'],
    ['scikit_learn-1.5.2.tar.gz', 'scikit-learn', '1.5.2'],
    ['zope.interface-7.0-py3-none-any.whl', 'zope-interface', '7.0'],
    ['numpy-2.1.0rc1.tar.gz', 'numpy', '2.1.0rc1'],
    ['other-1.0.tar.gz', 'pandas', null],
    ['pandas-notaversion.tar.gz', 'pandas', null],
  ])('%s → %s', (file, name, version) => {
    expect(versionFromFilename(file, name)).toBe(version);
  });
});

describe('listVersions', () => {
  const respond =
    (body: string, type: string, status = 200): typeof fetch =>
    async () =>
      new Response(body, { status, headers: { 'content-type': type } });

  it('reads PEP 700 versions from PEP 691 JSON', async () => {
    const result = await listVersions('Pandas', {
      indexUrl: 'https://x/simple/',
      fetch: respond(JSON.stringify({ versions: ['1.0', '2.0', '1.5'] }), 'application/vnd.pypi.simple.v1+json'),
    });
    expect(result).toEqual({ name: 'pandas', indexUrl: 'https://x/simple', ok: true, versions: ['2.0', '1.5', '1.0'], message: null });
  });

  it('derives versions from file names in JSON without versions, skipping yanked files', async () => {
    const body = JSON.stringify({
      files: [{ filename: 'a-1.0.tar.gz' }, { filename: 'a-1.1.tar.gz', yanked: 'broken' }, { filename: 'a-2.0-py3-none-any.whl' }],
    });
    const result = await listVersions('a', { indexUrl: 'https://x/simple', fetch: respond(body, 'application/vnd.pypi.simple.v1+json') });
    expect(result.versions).toEqual(['2.0', '1.0']);
  });

  it('reads PEP 503 HTML', async () => {
    const html = '<html><body><a href="../../p/a-1.0.tar.gz#sha256=1">a-1.0.tar.gz</a><a href="x">a-1.2-py3-none-any.whl</a></body></html>';
    const result = await listVersions('a', { indexUrl: 'https://x/simple', fetch: respond(html, 'text/html') });
    expect(result.versions).toEqual(['1.2', '1.0']);
  });

  it('explains an error status', async () => {
    const result = await listVersions('a', { indexUrl: 'https://x/simple', fetch: respond('', 'text/html', 503) });
    expect(result.message).toBe('https://x/simple answered 503; versions could not be listed. You can still type a version.');
  });
});
