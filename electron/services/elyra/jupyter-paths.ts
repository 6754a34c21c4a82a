import path from 'node:path';
import type { MetadataDirSource } from '../../contract/domain/elyra-metadata';

// Where Elyra writes a new runtime-image instance. Elyra's FileMetadataStore writes to the first
// directory of its metadata path: the entries of $ELYRA_METADATA_PATH, then jupyter_core's
// jupyter_data_dir(). The rules below follow jupyter_core/paths.py (jupyter_data_dir) and
// elyra/metadata/storage.py (metadata_path); paths are built with the target platform's path rules
// so a Windows answer can be checked on Linux.

export interface JupyterPathsInput {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
  platform: NodeJS.Platform;
}

export interface DirChoice {
  directory: string;
  source: MetadataDirSource;
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** Python's `if env.get(NAME):` — unset and empty are the same. */
function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

/** jupyter_core's envset(): set, and not one of no/n/false/off/0/0.0 (any case). */
function envFlag(value: string | undefined): boolean {
  return value !== undefined && !['no', 'n', 'false', 'off', '0', '0.0'].includes(value.toLowerCase());
}

/**
 * jupyter_core 5 uses platformdirs only when JUPYTER_PLATFORM_DIRS is set (it plans to make that the
 * default in version 6). platformdirs' user_data_dir('Jupyter', appauthor=False): macOS
 * ~/Library/Application Support/Jupyter, Windows %LOCALAPPDATA%\Jupyter, Linux as the XDG rule.
 */
function platformDirsDataDir({ env, homedir, platform }: JupyterPathsInput): string {
  const p = pathFor(platform);
  if (platform === 'darwin') return p.join(homedir, 'Library', 'Application Support', 'Jupyter');
  if (platform === 'win32') return p.join(nonEmpty(env.LOCALAPPDATA) ?? p.join(homedir, 'AppData', 'Local'), 'Jupyter');
  return p.join(nonEmpty(env.XDG_DATA_HOME?.trim()) ?? p.join(homedir, '.local', 'share'), 'jupyter');
}

export function jupyterDataDirChoice(input: JupyterPathsInput): DirChoice {
  const { env, homedir, platform } = input;
  const p = pathFor(platform);
  const explicit = nonEmpty(env.JUPYTER_DATA_DIR);
  if (explicit !== null) return { directory: explicit, source: 'JUPYTER_DATA_DIR' };
  if (envFlag(env.JUPYTER_PLATFORM_DIRS)) return { directory: platformDirsDataDir(input), source: 'JUPYTER_PLATFORM_DIRS' };
  if (platform === 'darwin') return { directory: p.join(homedir, 'Library', 'Jupyter'), source: 'platform-default' };
  if (platform === 'win32') {
    const appdata = nonEmpty(env.APPDATA);
    // Without APPDATA jupyter_core falls back to jupyter_config_dir()/data.
    const directory = appdata !== null ? p.resolve(appdata, 'jupyter') : p.join(nonEmpty(env.JUPYTER_CONFIG_DIR) ?? p.join(homedir, '.jupyter'), 'data');
    return { directory, source: 'platform-default' };
  }
  return { directory: p.join(nonEmpty(env.XDG_DATA_HOME) ?? p.join(homedir, '.local', 'share'), 'jupyter'), source: 'platform-default' };
}

/** jupyter_core.paths.jupyter_data_dir() for the given environment. */
export function jupyterDataDir(input: JupyterPathsInput): string {
  return jupyterDataDirChoice(input).directory;
}

/** Python's rstrip(os.sep), except that a bare root ('/') stays a root instead of becoming empty. */
function stripTrailingSeparators(entry: string, sep: string): string {
  let end = entry.length;
  while (end > 1 && entry[end - 1] === sep) end -= 1;
  return entry.slice(0, end);
}

/**
 * The directory Elyra writes to: the first entry of $ELYRA_METADATA_PATH (split on the platform's
 * path list separator, trailing separators removed), else the Jupyter data dir. Elyra would take an
 * empty first entry (':/x') as a path relative to the server's working directory, which we cannot
 * know; we skip empty entries instead.
 */
export function elyraDataDirChoice(input: JupyterPathsInput): DirChoice {
  const p = pathFor(input.platform);
  const list = nonEmpty(input.env.ELYRA_METADATA_PATH);
  if (list !== null) {
    const first = list
      .split(p.delimiter)
      .map((entry) => stripTrailingSeparators(entry, p.sep))
      .find((entry) => entry !== '');
    if (first !== undefined) return { directory: first, source: 'ELYRA_METADATA_PATH' };
  }
  return jupyterDataDirChoice(input);
}

export function runtimeImagesDirIn(dataDir: string, platform: NodeJS.Platform): string {
  return pathFor(platform).join(dataDir, 'metadata', 'runtime-images');
}

/** `<first metadata dir>/metadata/runtime-images`, where a new runtime-image instance belongs. */
export function elyraMetadataDir(input: JupyterPathsInput): string {
  return runtimeImagesDirIn(elyraDataDirChoice(input).directory, input.platform);
}

/** The runtime-images directory and why; `dataDir` (the CLI's --dir, a folder the user picked) wins. */
export function runtimeImagesDirChoice(input: JupyterPathsInput & { dataDir?: string | null }): DirChoice {
  if (input.dataDir !== undefined && input.dataDir !== null && input.dataDir !== '') {
    return { directory: runtimeImagesDirIn(input.dataDir, input.platform), source: 'chosen' };
  }
  const choice = elyraDataDirChoice(input);
  return { directory: runtimeImagesDirIn(choice.directory, input.platform), source: choice.source };
}
