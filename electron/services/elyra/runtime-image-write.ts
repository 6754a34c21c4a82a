import { promises as fs } from 'node:fs';
import path from 'node:path';
import { RuntimeImageName, type RuntimeImageInput, type RuntimeImageWritePlan, type RuntimeImageWriteResult } from '../../contract/domain/elyra-metadata';
import { AppError } from '../../contract/errors';
import { errorMessage } from '../docker-config/file-access';
import { AtomicWriteConflict, pathExists, writeFileAtomic } from '../settings/atomic-file';
import { elyraRuntimeImageDirs, nameRefusal } from './elyra-search-path';
import { type JupyterPathsInput, runtimeImagesDirChoice } from './jupyter-paths';
import { buildRuntimeImageMetadata, checkRuntimeImageMetadata, runtimeImageJson } from './runtime-image-metadata';
import { runtimeImageName } from './runtime-image-name';

// "Add to Elyra": first a plan the user can read (path, preview, whether a file is already there,
// whether the name is free in Elyra's eyes), then the write, which refuses to replace an existing
// file unless the user said so. A new file is read on Elyra's next metadata fetch. A replaced one
// must also reach Elyra's cache, which forgets an entry only on a modified or deleted event of its
// *.json path (storage.py FileChangeHandler): see announceReplacement.

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

export async function planRuntimeImageWrite(input: PlanRuntimeImageWriteInput, files: RuntimeImageFileAccess = nodeFileAccess): Promise<RuntimeImageWritePlan> {
  const metadata = buildRuntimeImageMetadata(input.image);
  const name = input.name === undefined || input.name === null || input.name === '' ? runtimeImageName(metadata.display_name) : input.name;
  const validName = RuntimeImageName.safeParse(name);
  if (!validName.success) {
    throw new AppError('invalid-input', `Name "${name}": ${validName.error.issues[0]?.message ?? 'not a valid runtime image name'}`);
  }
  const { directory, source } = runtimeImagesDirChoice(input);
  const p = input.platform === 'win32' ? path.win32 : path.posix;
  const filePath = p.join(directory, `${name}.json`);
  const exists = await files.exists(filePath);
  const elsewhere = await Promise.all(
    elyraRuntimeImageDirs(input)
      .filter((dir) => dir !== directory)
      .map(async (dir) => ({ directory: dir, exists: await files.exists(p.join(dir, `${name}.json`)) })),
  );
  return {
    name,
    directory,
    directorySource: source,
    path: filePath,
    metadata,
    json: runtimeImageJson(metadata),
    exists,
    refusal: nameRefusal({ name, directory, existsInDirectory: exists, elsewhere, platform: input.platform }),
  };
}

/**
 * A plan may have travelled (through IPC, say); write only what a plan could honestly contain:
 * `<…>/metadata/runtime-images/<valid name>.json` holding valid runtime-image JSON.
 */
function checkPlan(plan: RuntimeImageWritePlan): void {
  const validName = RuntimeImageName.safeParse(plan.name);
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

/**
 * The rename that replaced the file raised a moved event, which Elyra's cache ignores (and its
 * source is the temporary name, not a *.json path). Writing the same bytes over the file, in place,
 * raises the modified event it does react to; since every byte written equals the byte already
 * there, a reader sees the complete new file at every instant. Only the inode the rename put in
 * place is touched: if another writer replaced it since, that writer's file is left alone.
 */
async function announceReplacement(filePath: string, json: string): Promise<void> {
  const bytes = Buffer.from(json, 'utf8');
  const handle = await fs.open(filePath, 'r+');
  try {
    const current = Buffer.alloc(bytes.length + 1);
    const { bytesRead } = await handle.read(current, 0, current.length, 0);
    if (bytesRead !== bytes.length || !current.subarray(0, bytesRead).equals(bytes)) return;
    await handle.write(bytes, 0, bytes.length, 0);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export async function writeRuntimeImage(plan: RuntimeImageWritePlan, options: { replace: boolean }): Promise<RuntimeImageWriteResult> {
  checkPlan(plan);
  if (plan.refusal !== null) throw new AppError('conflict', plan.refusal, plan.path);
  const existed = await pathExists(plan.path);
  try {
    await writeFileAtomic(plan.path, plan.json, { overwrite: options.replace, mode: FILE_MODE, createDirectoryMode: DIRECTORY_MODE });
  } catch (error) {
    if (error instanceof AtomicWriteConflict) {
      throw new AppError('conflict', `Elyra already has a runtime image named "${plan.name}" (${plan.path}). Replace it, or choose another name.`, plan.path);
    }
    throw new AppError('internal', `Could not write ${plan.path}: ${errorMessage(error)}`);
  }
  const replaced = existed && options.replace;
  if (replaced) {
    try {
      await announceReplacement(plan.path, plan.json);
    } catch (error) {
      throw new AppError('internal', `Replaced ${plan.path}, but a running JupyterLab may show the old entry until it restarts: ${errorMessage(error)}`);
    }
  }
  return { path: plan.path, replaced };
}
