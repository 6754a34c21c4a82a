import { z } from 'zod';
import type { RegistryAddress } from '../../contract/domain/registry';
import type { RegistryCredentials } from './registry-auth';

// Which layers a registry already holds under a reference, asked of the registry itself (the
// distribution API, https://distribution.github.io/distribution/spec/api/): the image's manifest
// under the tag, its config (whose rootfs.diff_ids name the layers by their uncompressed content,
// as the engine does), and a HEAD of each layer blob to see it is really there.

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

const Manifest = z.object({
  manifests: z.array(z.object({ digest: z.string(), platform: z.object({ architecture: z.string().optional() }).optional() })).optional(),
  config: z.object({ digest: z.string() }).optional(),
  layers: z.array(z.object({ digest: z.string(), size: z.number() })).optional(),
});

const ImageConfig = z.object({ rootfs: z.object({ diff_ids: z.array(z.string()) }) });

export interface RegistryLayersOptions {
  registry: RegistryAddress;
  /** The repository path without the host ('alice/pandas'). */
  repository: string;
  tag: string;
  credentials: RegistryCredentials | null;
  /** The image's architecture ('amd64'), to pick it from an index. */
  architecture?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** Docker Hub's API lives on another host than its image names say. */
function apiBase(registry: RegistryAddress): string {
  const host = registry.kind === 'docker-hub' ? 'registry-1.docker.io' : registry.host;
  return `${registry.scheme}://${host}`;
}

function basic(credentials: RegistryCredentials): string {
  return `Basic ${Buffer.from(`${credentials.username}:${credentials.secret}`).toString('base64')}`;
}

/** The token a Bearer challenge asks for (Docker Hub, Quay, GHCR…), fetched with the login. */
async function bearerToken(challenge: string, credentials: RegistryCredentials | null, get: typeof fetch, signal: AbortSignal): Promise<string | null> {
  const fields = new Map([...challenge.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1] ?? '', m[2] ?? '']));
  const realm = fields.get('realm');
  if (!realm) return null;
  const url = new URL(realm);
  for (const key of ['service', 'scope']) {
    const value = fields.get(key);
    if (value) url.searchParams.set(key, value);
  }
  const response = await get(url, { headers: credentials && credentials.kind === 'password' ? { Authorization: basic(credentials) } : {}, signal });
  if (!response.ok) return null;
  const body = z.object({ token: z.string().optional(), access_token: z.string().optional() }).safeParse(await response.json());
  return body.success ? (body.data.token ?? body.data.access_token ?? null) : null;
}

/**
 * The layers the registry holds for `repository:tag`, by diff id; an empty set when it has no image
 * there (a first push). Throws when the registry cannot be asked (unreachable, login refused).
 */
export async function registryLayers(options: RegistryLayersOptions): Promise<Set<string>> {
  const get = options.fetch ?? fetch;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  const base = `${apiBase(options.registry)}/v2/${options.repository}`;
  let authorization: string | null = null;
  const request = async (path: string, method: 'GET' | 'HEAD' = 'GET', accept?: string): Promise<Response> => {
    const headers: Record<string, string> = { ...(accept ? { Accept: accept } : {}), ...(authorization ? { Authorization: authorization } : {}) };
    let response = await get(`${base}${path}`, { method, headers, signal });
    if (response.status === 401 && authorization === null) {
      const challenge = response.headers.get('www-authenticate') ?? '';
      if (/^basic/i.test(challenge) && options.credentials) authorization = basic(options.credentials);
      else if (/^bearer/i.test(challenge)) {
        const token = await bearerToken(challenge, options.credentials, get, signal);
        if (token) authorization = `Bearer ${token}`;
      }
      if (authorization !== null) response = await get(`${base}${path}`, { method, headers: { ...headers, Authorization: authorization }, signal });
    }
    return response;
  };
  const manifestAt = async (reference: string) => {
    const response = await request(`/manifests/${reference}`, 'GET', MANIFEST_TYPES.join(', '));
    if (response.status === 404) return null;
    if (!response.ok) throw new Error(`the registry answered ${response.status} for the manifest of ${options.repository}:${options.tag}`);
    return Manifest.parse(await response.json());
  };
  let manifest = await manifestAt(options.tag);
  if (manifest === null) return new Set();
  if (manifest.manifests) {
    const image = manifest.manifests.find((m) => m.platform?.architecture === (options.architecture ?? 'amd64')) ?? manifest.manifests[0];
    manifest = image ? await manifestAt(image.digest) : null;
    if (manifest === null) return new Set();
  }
  if (!manifest.config) return new Set();
  const configResponse = await request(`/blobs/${manifest.config.digest}`);
  if (!configResponse.ok) throw new Error(`the registry answered ${configResponse.status} for the config of ${options.repository}:${options.tag}`);
  const diffIds = ImageConfig.parse(await configResponse.json()).rootfs.diff_ids;
  const held = new Set<string>();
  const layers = manifest.layers ?? [];
  for (const [i, layer] of layers.entries()) {
    const diffId = diffIds[i];
    if (diffId === undefined) continue;
    const blob = await request(`/blobs/${layer.digest}`, 'HEAD');
    if (blob.ok) held.add(diffId);
  }
  return held;
}
