/**
 * The name the user gave an image, from the name an engine reports it under. Podman 5.8 qualifies
 * every name it stores (seen through its compat API): `rib-test/app:1` comes back as
 * `docker.io/rib-test/app:1`, `python:3.11` as `docker.io/library/python:3.11`, and an image it only
 * has locally (loaded, or built under a one-part name) as `localhost/python:3.11-slim`. Docker
 * reports the short forms. A name with a registry host of its own (`localhost:5000/…`,
 * `quay.io/…`) is left as it is.
 */
export function userImageName(engineName: string): string {
  const docker = /^docker\.io\/(.+)$/.exec(engineName);
  if (docker) return (docker[1] ?? '').replace(/^library\/(?=[^/]+$)/, '');
  const local = /^localhost\/(.+)$/.exec(engineName);
  if (local) return local[1] ?? engineName;
  return engineName;
}

/** The tags of an engine image as the user knows them: Podman's qualified names shortened, untagged markers dropped, each once. */
export function userImageTags(repoTags: readonly string[] | null | undefined): string[] {
  return [...new Set((repoTags ?? []).filter((tag) => tag !== '<none>:<none>').map(userImageName))];
}
