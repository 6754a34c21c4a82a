import type { AppInfo } from '../../../electron/contract/ipc';

/** What to install for a container engine, by operating system and chip, in the user's words. */
export function installGuide(info: Pick<AppInfo, 'platform' | 'arch'>): string {
  if (info.platform === 'darwin') {
    return info.arch === 'arm64'
      ? 'On a Mac with Apple silicon: install Docker Desktop for Mac (Apple silicon), or Colima with Homebrew (brew install colima docker, then colima start). Rancher Desktop and OrbStack work too.'
      : 'On an Intel Mac: install Docker Desktop for Mac (Intel chip), or Colima with Homebrew (brew install colima docker, then colima start).';
  }
  if (info.platform === 'win32') {
    return 'On Windows: install Docker Desktop for Windows (it uses WSL 2), or Rancher Desktop.';
  }
  return 'On Linux: install Docker Engine from your distribution (for example sudo apt install docker.io, then add yourself to the docker group), Docker Desktop for Linux, or Podman with its Docker-compatible socket.';
}
