/**
 * An app started from the Finder gets only /usr/bin:/bin:/usr/sbin:/sbin, but Docker Desktop and
 * Homebrew install the docker-credential-* helpers elsewhere: look there too.
 */
export function helperSearchPath(env: Readonly<Record<string, string | undefined>>, homedir: string, platform: NodeJS.Platform): string {
  if (platform !== 'darwin') return env['PATH'] ?? '';
  const extra = ['/usr/local/bin', '/opt/homebrew/bin', `${homedir}/.docker/bin`, '/Applications/Docker.app/Contents/Resources/bin'];
  const current = (env['PATH'] ?? '').split(':').filter((p) => p !== '');
  return [...current, ...extra.filter((p) => !current.includes(p))].join(':');
}
