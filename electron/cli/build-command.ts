import { parseArgs } from 'node:util';
import { BuildNetwork } from '../contract/domain/build';
import { AppError } from '../contract/errors';
import { EngineSession } from '../core/engine-session';
import { MemoryStore } from '../core/memory-store';
import { chooseBuilder, describeBuildProgress, runBuildJob } from '../services/build';
import { buildTag, planRecipe, recipeFindingText, refuseUnfitPins } from '../services/recipe';
import { appIdentity } from './app-identity';
import { verifyReportLines } from './verify-lines';
import { formatFileFinding, recipeFromArgs, recipeOptionSpec } from './recipe-options';

/** The engine the app would pick: DOCKER_HOST, the current context, then the known sockets. */
export function engineForCli(): EngineSession {
  return new EngineSession({ env: process.env, homedir: process.env['HOME'] ?? '', platform: process.platform, store: new MemoryStore() });
}

/** `build <requirements.txt> --tag <name> [--network host|default] [--no-cache] …`: build and verify, progress as lines. */
export async function buildCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { ...recipeOptionSpec, network: { type: 'string' }, 'no-cache': { type: 'boolean' } },
    allowPositionals: true,
  });
  const [file] = positionals;
  if (!file) throw new AppError('invalid-input', 'build needs a requirements file.');
  if (!values.tag) throw new AppError('invalid-input', 'build needs --tag <name:tag>.');
  const network = BuildNetwork.safeParse(values.network ?? 'default');
  if (!network.success) throw new AppError('invalid-input', `--network ${values.network} is not one of host, default.`);
  const today = new Date();
  const { recipe, fileSet } = await recipeFromArgs(file, values, today);
  if (fileSet && !fileSet.ok) throw new AppError(fileSet.code, `${fileSet.path}: ${fileSet.message}`);
  const fileErrors = fileSet?.ok ? fileSet.findings.filter((f) => f.severity === 'error') : [];
  const checked = planRecipe(recipe, { today, ...appIdentity() });
  if (fileErrors.length > 0 || !checked.canBuild || !checked.image) {
    for (const f of fileErrors) console.error(formatFileFinding(f));
    for (const f of checked.findings.filter((x) => x.severity === 'error')) console.error(`error: ${recipeFindingText(f)}`);
    return 1;
  }
  const fit = await refuseUnfitPins(recipe, today);
  for (const pin of fit?.pins ?? []) if (pin.message !== null) console.log(`warning: ${pin.where ? `${pin.where}: ` : ''}${pin.message}`);
  const { docker, engine } = await engineForCli().connect();
  // Planned again for the engine that builds it: its builder decides the Dockerfile.
  const plan = planRecipe(recipe, { today, ...appIdentity(), builder: chooseBuilder(engine) });
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  let lastStep = '';
  try {
    const result = await runBuildJob(
      {
        signal: controller.signal,
        log: (line) => console.log(line),
        progress: (p) => {
          if (p.kind !== 'build') return;
          const text = describeBuildProgress(p);
          if (text !== lastStep) console.log(`==> ${(lastStep = text)}`);
        },
      },
      {
        docker,
        plan,
        tag: buildTag(checked.image),
        platform: recipe.platform,
        network: network.data,
        elyraVersion: recipe.elyraVersion,
        today,
        noCache: Boolean(values['no-cache']),
        customBase: recipe.base.kind === 'custom',
      },
    );
    for (const line of verifyReportLines(result.verify)) console.log(line);
    console.log(
      `==> ${result.verify.status === 'fail' ? 'Built, but Elyra cannot run it as it is' : 'Built and checked'}: ${result.build.tag} (${result.build.imageId})`,
    );
    return result.verify.status === 'fail' ? 1 : 0;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
