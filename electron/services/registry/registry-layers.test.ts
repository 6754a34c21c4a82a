import type { RegistryAddress } from '../../contract/domain/registry';
import { registryLayers } from './registry-layers';

const d = (n: number) => `sha256:${String(n).padStart(64, '0')}`;
const local: RegistryAddress = { kind: 'other', host: '127.0.0.1:5000', serverAddress: '127.0.0.1:5000', scheme: 'http', displayName: '127.0.0.1:5000' };
const credentials = { username: 'alice', secret: 's3cret', kind: 'password' as const };

/** A registry that holds one image under rib/app:1 (layers 11, 12, 13 for diff ids 1, 2, 3), blob 13 lost. */
function fakeRegistry(auth: 'basic' | 'bearer'): { fetch: typeof fetch; seen: string[] } {
  const seen: string[] = [];
  const token = 'tok';
  const fake = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const headers = new Headers(init?.headers);
    seen.push(`${init?.method ?? 'GET'} ${url.replace(/^https?:\/\/[^/]+/, '')}`);
    if (url.startsWith('https://auth.example/token')) {
      return headers.get('authorization') === `Basic ${Buffer.from('alice:s3cret').toString('base64')}`
        ? Response.json({ token })
        : new Response('no', { status: 401 });
    }
    const wanted = auth === 'basic' ? `Basic ${Buffer.from('alice:s3cret').toString('base64')}` : `Bearer ${token}`;
    if (headers.get('authorization') !== wanted) {
      const challenge = auth === 'basic' ? 'Basic realm="registry"' : 'Bearer realm="https://auth.example/token",service="reg",scope="repository:rib/app:pull"';
      return new Response('', { status: 401, headers: { 'WWW-Authenticate': challenge } });
    }
    if (url.endsWith('/v2/rib/app/manifests/1'))
      return Response.json({ config: { digest: 'sha256:c' }, layers: [11, 12, 13].map((n) => ({ digest: `sha256:${n}`, size: n })) });
    if (url.endsWith('/v2/rib/app/manifests/2')) return new Response('', { status: 404 });
    if (url.endsWith('/v2/rib/app/blobs/sha256:c')) return Response.json({ rootfs: { type: 'layers', diff_ids: [d(1), d(2), d(3)] } });
    if (url.endsWith('/blobs/sha256:13')) return new Response('', { status: 404 });
    if (/\/blobs\/sha256:1[12]$/.test(url)) return new Response('', { status: 200 });
    return new Response('', { status: 404 });
  };
  return { fetch: fake as typeof fetch, seen };
}

describe('registryLayers', () => {
  it('reads the layers under the tag by diff id, with a Basic login, and counts only blobs that are there', async () => {
    const registry = fakeRegistry('basic');
    const held = await registryLayers({ registry: local, repository: 'rib/app', tag: '1', credentials, fetch: registry.fetch });
    expect([...held]).toEqual([d(1), d(2)]);
    expect(registry.seen).toContain('HEAD /v2/rib/app/blobs/sha256:13');
    expect(registry.seen[0]).toBe('GET /v2/rib/app/manifests/1');
  });

  it('takes a Bearer token from the realm the registry names', async () => {
    const registry = fakeRegistry('bearer');
    const held = await registryLayers({ registry: { ...local, scheme: 'https' }, repository: 'rib/app', tag: '1', credentials, fetch: registry.fetch });
    expect(held.size).toBe(2);
    expect(registry.seen.some((s) => s.startsWith('GET https://auth.example/token') || s.includes('/token'))).toBe(true);
  });

  it('holds nothing under a tag never pushed; a refused login is an error', async () => {
    expect((await registryLayers({ registry: local, repository: 'rib/app', tag: '2', credentials, fetch: fakeRegistry('basic').fetch })).size).toBe(0);
    await expect(registryLayers({ registry: local, repository: 'rib/app', tag: '1', credentials: null, fetch: fakeRegistry('basic').fetch })).rejects.toThrow(
      /401/,
    );
  });
});
