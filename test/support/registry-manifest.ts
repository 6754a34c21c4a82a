// What a registry holds under a tag, asked over its own HTTP API. Every manifest type an engine of
// the matrix pushes is accepted: Docker 20.10 and Podman push Docker's v2 manifest, Docker 28 with
// the containerd image store an OCI one for an image it built; distribution answers 404 for a
// manifest whose type the request does not accept, which would read as "nothing was published".

export const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.oci.image.index.v1+json',
].join(', ');

export interface ManifestAnswer {
  status: number;
  /** Docker-Content-Digest, as the registry says it. */
  digest: string | null;
  /** The body as served, for comparing with the digest. */
  body: Buffer;
}

export async function registryManifest(url: string, repository: string, tag: string, user: string, password: string): Promise<ManifestAnswer> {
  const response = await fetch(`${url}/v2/${repository}/manifests/${tag}`, {
    headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`, accept: MANIFEST_TYPES },
  });
  return {
    status: response.status,
    digest: response.ok ? response.headers.get('docker-content-digest') : null,
    body: Buffer.from(await response.arrayBuffer()),
  };
}
