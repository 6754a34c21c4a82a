/** A file's name without its folder, for either separator (paths may come from Windows). */
export function baseName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The name a lock file is offered under: the image's last path part ("team/app" → "app"). */
export function lockFileName(image: string): string {
  return image.split('/').pop() ?? 'image';
}
