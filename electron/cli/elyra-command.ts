import { homedir } from 'node:os';
import { parseArgs } from 'node:util';
import { PullPolicy } from '../contract/domain/elyra-metadata';
import { AppError } from '../contract/errors';
import { elyraMetadataCommand, planRuntimeImageWrite, writeRuntimeImage } from '../services/elyra';
import { parseImageReference } from '../services/reference';
import { errorLines } from './format';

const options = {
  'display-name': { type: 'string' },
  description: { type: 'string' },
  tag: { type: 'string', multiple: true },
  'pull-policy': { type: 'string' },
  'pull-secret': { type: 'string' },
  name: { type: 'string' },
  dir: { type: 'string' },
  replace: { type: 'boolean' },
} as const;

const DIR_SOURCES: Record<string, string> = {
  ELYRA_METADATA_PATH: 'the first entry of $ELYRA_METADATA_PATH',
  JUPYTER_DATA_DIR: '$JUPYTER_DATA_DIR',
  JUPYTER_PLATFORM_DIRS: "Jupyter's platform directories ($JUPYTER_PLATFORM_DIRS)",
  'platform-default': "this computer's Jupyter data directory",
  chosen: '--dir',
};

/**
 * `elyra <image-reference> --display-name "…" [--description …] [--tag t]… [--pull-policy p]
 * [--pull-secret s] [--name n] [--dir <jupyter data dir>] [--replace]`: "Add to Elyra" without the
 * app — the same file at the same place, and the equivalent `elyra-metadata` line.
 */
export async function elyraCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [imageName, extra] = positionals;
  if (!imageName)
    throw new AppError('invalid-input', 'elyra needs the image reference Elyra should run, e.g. elyra quay.io/alice/pandas:1 --display-name "Pandas".');
  if (extra !== undefined) throw new AppError('invalid-input', `elyra takes one image reference, not also "${extra}".`);
  if (values['display-name'] === undefined)
    throw new AppError('invalid-input', 'elyra needs --display-name "…": the name Elyra shows in its runtime image list.');
  // Elyra accepts any string, but the cluster must be able to pull it: catch typos here.
  const reference = parseImageReference(imageName);
  if (!reference.ok) throw new AppError('invalid-input', `${imageName} is not an image reference: ${reference.error.message}.`);
  const pullPolicy = values['pull-policy'];
  const policy = pullPolicy === undefined ? undefined : PullPolicy.safeParse(pullPolicy);
  if (policy !== undefined && !policy.success) {
    throw new AppError('invalid-input', `--pull-policy ${pullPolicy} is not one of ${PullPolicy.options.join(', ')}.`);
  }

  // An invalid field (a bad pull secret, an empty display name) is the user's input: exit 2, as thrown.
  const plan = await planRuntimeImageWrite({
    image: {
      displayName: values['display-name'],
      description: values.description,
      tags: values.tag,
      imageName,
      pullPolicy: policy?.data ?? null,
      pullSecret: values['pull-secret'] ?? null,
    },
    name: values.name ?? null,
    dataDir: values.dir ?? null,
    env: process.env,
    homedir: process.env['HOME'] ?? homedir(),
    platform: process.platform,
  });
  const replace = Boolean(values.replace);
  if (plan.refusal !== null) {
    console.error(`error: ${plan.refusal} (--name chooses another.)`);
    return 1;
  }
  if (plan.exists && !replace) {
    console.error(`error: ${plan.path} already exists (a runtime image named "${plan.name}"). Pass --replace to replace it, or --name to choose another name.`);
    return 1;
  }
  try {
    const written = await writeRuntimeImage(plan, { replace });
    console.log(`${written.replaced ? 'Replaced' : 'Wrote'} ${written.path}`);
  } catch (error) {
    for (const line of errorLines(error)) console.error(line);
    return 1;
  }
  if (plan.directorySource !== 'chosen')
    console.log(`(the runtime-images folder of ${DIR_SOURCES[plan.directorySource] ?? plan.directorySource}, which Elyra reads first)`);
  console.log('');
  console.log("The same with Elyra's own CLI:");
  console.log(`  ${elyraMetadataCommand({ name: plan.name, metadata: plan.metadata })}`);
  return 0;
}
