// A registry of the bench's own (empty at start, so pushes really upload), with the engine's CLI
// logged in to it, so the CLI side pushes with the same login the app side passes.
import type { RegistryCredentials } from '../../electron/services/registry';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import type { EngineCli } from './engine-cli';

export interface RegistrySession {
  registry: PrivateRegistry;
  /** The registry as the engine must name it: '127.0.0.1:PORT' for Docker, 'localhost:PORT' for Podman. */
  host: string;
  /** What the app's pushImage takes. */
  auth: RegistryCredentials;
  /**
   * The layers of a pushed image as the registry has them (its manifest, every blob present):
   * proof that a push did the whole work, whatever the engine says about it. Throws when the
   * image or one of its layers is missing.
   */
  layersInRegistry(reference: string): Promise<number>;
  dispose(): Promise<void>;
}

const MANIFEST_TYPES = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
];

interface ManifestJson {
  manifests?: { digest: string; platform?: { architecture?: string } }[];
  layers?: { digest: string }[];
}

/** Reads a manifest (an index's first image for its platform) and checks every layer blob is there. */
async function layersOf(url: string, user: string, password: string, reference: string): Promise<number> {
  const match = /^[^/]+\/(.+):([^:/]+)$/.exec(reference);
  if (!match?.[1] || !match[2]) throw new Error(`not a registry reference with a tag: ${reference}`);
  const [, repo, tag] = match;
  const headers = { Authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, Accept: MANIFEST_TYPES.join(', ') };
  const get = async (ref: string): Promise<ManifestJson> => {
    const response = await fetch(`${url}/v2/${repo}/manifests/${ref}`, { headers });
    if (!response.ok) throw new Error(`the registry has no ${reference} (${response.status} for manifest ${ref})`);
    return (await response.json()) as ManifestJson;
  };
  let manifest = await get(tag);
  if (manifest.manifests) {
    // Docker's containerd image store pushes an index (with attestations when BuildKit made them).
    const image = manifest.manifests.find((m) => m.platform?.architecture === 'amd64') ?? manifest.manifests[0];
    if (!image) throw new Error(`the index of ${reference} lists no image`);
    manifest = await get(image.digest);
  }
  const layers = manifest.layers ?? [];
  for (const layer of layers) {
    const blob = await fetch(`${url}/v2/${repo}/blobs/${layer.digest}`, { method: 'HEAD', headers });
    if (!blob.ok) throw new Error(`the registry lacks layer ${layer.digest} of ${reference} (${blob.status})`);
  }
  return layers.length;
}

export async function startRegistrySession(options: { hostname: string; cli: EngineCli }): Promise<RegistrySession> {
  const missing = privateRegistryMissingReason();
  if (missing !== null) throw new Error(missing);
  const registry = await startPrivateRegistry('bench', `bench-${Math.random().toString(36).slice(2)}`);
  const port = new URL(registry.url).port;
  const host = `${options.hostname}:${port}`;
  try {
    await options.cli.login(host, registry.user, registry.password);
  } catch (error) {
    await registry.dispose();
    throw error;
  }
  return {
    registry,
    host,
    auth: { username: registry.user, secret: registry.password, kind: 'password' },
    layersInRegistry: (reference) => layersOf(registry.url, registry.user, registry.password, reference),
    dispose: () => registry.dispose(),
  };
}
