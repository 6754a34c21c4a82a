/** A file's name without its folder, for either separator (paths may come from Windows). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The name a lock file is offered under: the image's last path part ("team/app" → "app"). */
export function lockFileName(image: string): string {
  return image.split('/').pop() ?? 'image';
}

/** The registry an image name points at, by the engine's rule: a first part with '.' or ':' (or localhost) is a host. */
export function registryOfImage(image: string): string {
  const name = image.trim();
  const slash = name.indexOf('/');
  if (slash < 0) return 'docker.io';
  const first = name.slice(0, slash);
  const isHost = first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[');
  if (!isHost || first === 'index.docker.io' || first === 'registry-1.docker.io') return 'docker.io';
  return first;
}

/** The registry and namespace of a name ('quay.io/alice' of 'quay.io/alice/x:1'); null when it has none. */
export function ownerOfImage(image: string): string | null {
  const withoutTag = image.trim().replace(/@.*$/, '');
  const slash = withoutTag.lastIndexOf('/');
  return slash > 0 ? withoutTag.slice(0, slash) : null;
}

/** PEP 503's normalized package name: runs of `-`, `_`, `.` become one `-`, lower case. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
