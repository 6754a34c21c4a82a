import path from 'node:path';
import {
  RuntimeImageNameSchema,
  type RuntimeImageInput,
  type RuntimeImageWritePlan,
  type RuntimeImageWriteResult,
} from '../../contract/domain/elyra-metadata';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { AtomicWriteConflict, pathExists, writeFileAtomic } from '../settings/atomic-file';
import { type JupyterPathsInput, runtimeImagesDirChoice } from './jupyter-paths';
import { buildRuntimeImageMetadata, checkRuntimeImageMetadata, runtimeImageJson } from './runtime-image-metadata';
import { runtimeImageName } from './runtime-image-name';

// "Add to Elyra": first a plan the user can read (path, preview, whether a file is already there),
// then the write, which refuses to replace an existing file unless the user said so. Elyra reads
// the file on its next metadata fetch (its file cache watches the directory), no restart needed.

export interface PlanRuntimeImageWriteInput extends JupyterPathsInput {
  image: RuntimeImageInput;
  /** Instance name; derived from the display name when absent. */
  name?: string | null;
  /** A Jupyter data directory chosen by the user (the CLI's --dir); overrides the environment. */
  dataDir?: string | null;
}

export interface RuntimeImageFileAccess {
  exists(filePath: string): Promise<boolean>;
}

const nodeFileAccess: RuntimeImageFileAccess = { exists: pathExists };

/** Elyra creates its metadata directories with 0o700 and writes instances with jupyter_core's secure_write (0o600). */
const DIRECTORY_MODE = 0o700;
const FILE_MODE = 0o600;

export async function planRuntimeImageWrite(
  input: PlanRuntimeImageWriteInput,
  files: RuntimeImageFileAccess = nodeFileAccess,
): Promise<RuntimeImageWritePlan> {
  const metadata = buildRuntimeImageMetadata(input.image);
  const name = input.name === undefined || input.name === null || input.name === '' ? runtimeImageName(metadata.display_name) : input.name;
  const validName = RuntimeImageNameSchema.safeParse(name);
  if (!validName.success) {
    throw new AppError('invalid-input', `Name "${name}": ${validName.error.issues[0]?.message ?? 'not a valid runtime image name'}`);
  }
  const { directory, source } = runtimeImagesDirChoice(input);
  const filePath = (input.platform === 'win32' ? path.win32 : path.posix).join(directory, `${name}.json`);
  return {
    name,
    directory,
    directorySource: source,
    path: filePath,
    metadata,
    json: runtimeImageJson(metadata),
    exists: await files.exists(filePath),
  };
}

/**
 * A plan may have travelled (through IPC, say); write only what a plan could honestly contain:
 * `<…>/metadata/runtime-images/<valid name>.json` holding valid runtime-image JSON.
 */
function checkPlan(plan: RuntimeImageWritePlan): void {
  const validName = RuntimeImageNameSchema.safeParse(plan.name);
  const expectedPath = path.join(plan.directory, `${plan.name}.json`);
  const inRuntimeImages = path.basename(plan.directory) === 'runtime-images' && path.basename(path.dirname(plan.directory)) === 'metadata';
  if (!validName.success || path.resolve(plan.path) !== path.resolve(expectedPath) || !inRuntimeImages) {
    throw new AppError('invalid-input', 'This runtime image plan does not point into an Elyra runtime-images folder', plan.path);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(plan.json);
  } catch (error) {
    throw new AppError('invalid-input', 'The runtime image preview is not valid JSON', String(error));
  }
  const checked = checkRuntimeImageMetadata(parsed);
  if (!checked.ok) throw new AppError('invalid-input', checked.problems.join('; '));
}

export async function writeRuntimeImage(plan: RuntimeImageWritePlan, options: { replace: boolean }): Promise<RuntimeImageWriteResult> {
  checkPlan(plan);
  const existed = await pathExists(plan.path);
  try {
    await writeFileAtomic(plan.path, plan.json, { overwrite: options.replace, mode: FILE_MODE, createDirectoryMode: DIRECTORY_MODE });
  } catch (error) {
    if (error instanceof AtomicWriteConflict) {
      throw new AppError(
        'conflict',
        `Elyra already has a runtime image named "${plan.name}" (${plan.path}). Replace it, or choose another name.`,
        plan.path,
      );
    }
    throw new AppError('internal', `Could not write ${plan.path}: ${errorMessage(error)}`);
  }
  return { path: plan.path, replaced: existed && options.replace };
}
