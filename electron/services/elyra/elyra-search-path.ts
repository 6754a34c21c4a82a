import path from 'node:path';
import { elyraDataDirChoice, jupyterDataDir, type JupyterPathsInput, runtimeImagesDirIn } from './jupyter-paths';

// Elyra's own create refuses a name found at any level of its metadata search path (storage.py
// _prepare_create): the entries of $ELYRA_METADATA_PATH, jupyter_data_dir(), jupyter_core's
// SYSTEM_JUPYTER_PATH, then sys.prefix/share/jupyter, where its built-in instances are. A file in
// the first directory with such a name hides the one further down, so Add to Elyra refuses it too.

/**
 * The runtime images Elyra installs in sys.prefix/share/jupyter (etc/config/metadata/runtime-images
 * of elyra-ai/elyra): `anaconda` at v3.15.0; `anaconda-py311` and `anaconda-py312` instead from
 * v4.0.0 on (v4.0.0, v4.1.0, v4.1.1, main 1149d77); the other six at every one of those refs.
 * The app cannot see the Python environment JupyterLab runs in, so these are known by name.
 */
export const ELYRA_BUILT_IN_RUNTIME_IMAGES: readonly string[] = [
  'anaconda',
  'anaconda-py311',
  'anaconda-py312',
  'pandas',
  'pytorch-devel',
  'pytorch-runtime',
  'r',
  'tensorflow_2x_gpu_py3',
  'tensorflow_2x_py3',
];

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}

/** jupyter_core's SYSTEM_JUPYTER_PATH (without a virtual environment's own entries). */
function systemJupyterPath({ env, platform }: JupyterPathsInput): string[] {
  if (platform === 'win32') {
    const programData = env.PROGRAMDATA;
    return programData !== undefined && programData !== '' ? [path.win32.join(programData, 'jupyter')] : [];
  }
  return ['/usr/local/share/jupyter', '/usr/share/jupyter'];
}

/** Every runtime-images directory of Elyra's search path the app can know, first (where new files go) first. */
export function elyraRuntimeImageDirs(input: JupyterPathsInput): string[] {
  const p = pathFor(input.platform);
  const fromEnv = (input.env.ELYRA_METADATA_PATH ?? '')
    .split(p.delimiter)
    .map((entry) => entry.replace(/[\\/]+$/, ''))
    .filter((entry) => entry !== '');
  const dataDirs = [...fromEnv, jupyterDataDir(input), ...systemJupyterPath(input)];
  // elyraDataDirChoice is the first entry; listing it again would only repeat a directory.
  const first = elyraDataDirChoice(input).directory;
  const ordered = [first, ...dataDirs.filter((dir) => dir !== first)];
  return [...new Set(ordered.map((dir) => runtimeImagesDirIn(dir, input.platform)))];
}

export interface NameUseInput {
  name: string;
  /** The directory the file would be written to. */
  directory: string;
  /** True when `<directory>/<name>.json` exists: the user's own entry, which they may replace. */
  existsInDirectory: boolean;
  /** Other runtime-images directories of the search path, and whether `<name>.json` is in each. */
  elsewhere: readonly { directory: string; exists: boolean }[];
  platform: NodeJS.Platform;
}

/** Why the name may not be used for a new entry, or null when it may. */
export function nameRefusal(input: NameUseInput): string | null {
  if (input.existsInDirectory) return null;
  if (ELYRA_BUILT_IN_RUNTIME_IMAGES.includes(input.name)) {
    return `Elyra ships a runtime image named "${input.name}"; a file with that name would hide Elyra's own. Elyra's own create refuses the name too. Choose another name.`;
  }
  const found = input.elsewhere.find((level) => level.exists && level.directory !== input.directory);
  if (found !== undefined) {
    const file = pathFor(input.platform).join(found.directory, `${input.name}.json`);
    return `Elyra already has a runtime image named "${input.name}" at ${file}; a new file with that name would hide it. Choose another name.`;
  }
  return null;
}
