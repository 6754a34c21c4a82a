import { join } from 'node:path';
import type { EngineProduct } from '../../contract/domain/engine';

export interface KnownSocket {
  /** unix socket path, or the Windows named pipe path. */
  path: string;
  transport: 'unix' | 'npipe';
  product: EngineProduct;
  /** Listed even when absent, so "none found" can say where we looked for the platform's default. */
  always: boolean;
}

/**
 * Where the common engines put their socket (ARCHITECTURE.md, "Where each outside fact lives"), in the order we prefer them.
 * /var/run/docker.sock is Docker Engine on Linux and Docker Desktop's compatibility symlink on macOS.
 */
export function knownSockets({
  platform,
  homedir,
  env,
}: {
  platform: NodeJS.Platform;
  homedir: string;
  env: Readonly<Record<string, string | undefined>>;
}): KnownSocket[] {
  if (platform === 'win32') {
    return [{ path: '//./pipe/docker_engine', transport: 'npipe', product: 'Docker Desktop', always: true }];
  }
  const unix = (path: string, product: EngineProduct, always = false): KnownSocket => ({
    path,
    transport: 'unix',
    product,
    always,
  });
  const sockets = [
    unix('/var/run/docker.sock', platform === 'darwin' ? 'Docker Desktop' : 'Docker Engine', true),
    unix(join(homedir, '.docker', 'run', 'docker.sock'), 'Docker Desktop'),
    // Docker Desktop for Linux keeps its socket here rather than under run/.
    unix(join(homedir, '.docker', 'desktop', 'docker.sock'), 'Docker Desktop'),
    unix(join(homedir, '.colima', 'default', 'docker.sock'), 'Colima'),
    unix(join(homedir, '.rd', 'docker.sock'), 'Rancher Desktop'),
    unix(join(homedir, '.orbstack', 'run', 'docker.sock'), 'OrbStack'),
  ];
  const runtimeDir = env.XDG_RUNTIME_DIR;
  if (runtimeDir !== undefined && runtimeDir !== '') {
    sockets.push(unix(join(runtimeDir, 'podman', 'podman.sock'), 'Podman'));
  }
  if (platform === 'linux') sockets.push(unix('/run/podman/podman.sock', 'Podman'));
  return sockets;
}

/** Which product a socket path belongs to, when it (or what it links to) is a known one. */
export function productAtPath(path: string, sockets: readonly KnownSocket[]): EngineProduct | null {
  return sockets.find((socket) => socket.path === path)?.product ?? null;
}
