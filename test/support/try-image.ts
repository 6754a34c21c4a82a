// The image the try tests run notebooks in: the papermill base (test/infra/papermill-image.sh)
// built by the app's buildImage, with a stand-in cv2 that fails on libGL.so.1 as the real one does
// on a slim base, and a working directory group 0 may write to.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { buildImage } from '../../electron/services/build';
import { defaultRecipe, planRecipe } from '../../electron/services/recipe';

export const PAPERMILL_BASE = process.env['RIB_BASE_IMAGE_PAPERMILL'] ?? 'local/python-papermill:trixie';
const HERE = fileURLToPath(new URL('.', import.meta.url));
export const TRY_FIXTURES = join(HERE, '../fixtures/notebooks/try');
const FAKE_OPENCV = join(HERE, '../fixtures/try-image/fake-opencv');

async function filesUnder(dir: string, prefix = ''): Promise<{ path: string; content: string }[]> {
  const out: { path: string; content: string }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full, `${prefix}${entry.name}/`)));
    else out.push({ path: `${prefix}${entry.name}`, content: await readFile(full, 'utf8') });
  }
  return out;
}

/**
 * The papermill base built by the app (custom base, no Elyra pins: the base has papermill), plus
 * what a test needs that the recipe does not make for a custom base: the stand-in cv2 and a
 * working directory group 0 may write to (the recipe gives one only to its own bases).
 */
export async function buildTryImage(docker: Dockerode, tag: string): Promise<string> {
  const today = new Date();
  const recipe = {
    ...defaultRecipe(today),
    base: { kind: 'custom' as const, image: PAPERMILL_BASE },
    preinstallElyraPins: false,
    allowSystemPip: true,
    imageName: tag,
    index: { indexUrl: process.env['RIB_INDEX_URL'] ?? null, extraIndexUrls: [], trustedHosts: ['127.0.0.1'] },
  };
  const plan = planRecipe(recipe, { today, appName: 'Runtime Image Builder', appVersion: '0.0.0-test' });
  if (!plan.canBuild) throw new Error(`The try test recipe cannot be built: ${JSON.stringify(plan.findings)}`);
  const fake = (await filesUnder(FAKE_OPENCV)).map((f) => ({ path: `fake-opencv/${f.path}`, content: f.content }));
  const dockerfile = [
    plan.dockerfile.trimEnd(),
    'COPY fake-opencv/ /opt/fake-opencv/',
    'ENV PYTHONPATH=/opt/fake-opencv',
    'RUN mkdir -p /opt/app-root/src && chgrp -R 0 /opt/app-root/src && chmod -R g=u /opt/app-root/src',
    'WORKDIR /opt/app-root/src',
    '',
  ].join('\n');
  await buildImage({ docker, plan: { ...plan, dockerfile, files: [...plan.files, ...fake] }, tag, platform: 'linux/amd64', network: 'host' });
  return tag;
}
