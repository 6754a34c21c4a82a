import { homedir } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BuildNetwork } from '../contract/domain/build';
import type { PushProgress } from '../contract/domain/job';
import { MAKE_PULL_POLICY } from '../contract/domain/make';
import { TRY_TIMEOUT_DEFAULT_SECONDS } from '../contract/domain/try';
import { AppError } from '../contract/errors';
import { runMake } from '../core/make-steps';
import { chooseBuilder, describeBuildProgress, runBuildJob } from '../services/build';
import { elyraMetadataCommand, packageListDescription, planRuntimeImageWrite, writeRuntimeImage } from '../services/elyra';
import { inferFromPaths, normalizeName } from '../services/infer';
import { pushWithLogin } from '../services/push';
import { additionsFromFileSet, buildTag, planRecipe, recipeFindingText, refuseUnfitPins } from '../services/recipe';
import { parsePushTarget } from '../services/registry';
import { readRequirementsFile } from '../services/requirements';
import { tryImage } from '../services/try';
import { appIdentity } from './app-identity';
import { engineForCli } from './build-command';
import { errorLines } from './format';
import { cliLogin } from './push-credentials';
import { CANCELLED_EXIT, readPassword } from './push-command';
import { createPushLines } from './push-lines';
import { formatFileFinding, recipeFromArgs, recipeOptionSpec } from './recipe-options';
import { tryReportLines } from './try-lines';
import { verifyReportLines } from './verify-lines';

const options = {
  ...recipeOptionSpec,
  network: { type: 'string' },
  'no-cache': { type: 'boolean' },
  reference: { type: 'string' },
  'elyra-name': { type: 'string' },
  dir: { type: 'string' },
  replace: { type: 'boolean' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
  'allow-network': { type: 'boolean' },
  timeout: { type: 'string' },
} as const;

const REQUIREMENTS = /\.(txt|in)$/i;

/** "elyra-pandas:2026.12.07" of "quay.io/alice/elyra-pandas:2026.12.07": what the window offers too. */
export function displayNameOf(reference: string): string {
  return (reference.split('/').pop() ?? reference).replace(/@sha256:.*/, '');
}

/** The requirement's name as pip compares it: "scikit-learn" of "scikit_learn[all]>=1". */
function requirementKey(text: string): string {
  return normalizeName(/^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1] ?? text.trim());
}

/**
 * `make <requirements or notebooks…> --reference <registry/ns/name:tag> [--elyra-name "…"] [build options]`:
 * build and check, try the notebooks (when given), push and register in Elyra, as the window's one
 * button does. Exit 0 when the image is in Elyra, 1 when a step failed (named), 2 for wrong
 * arguments, 130 when cancelled with Ctrl-C.
 */
export async function makeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  if (positionals.length === 0)
    throw new AppError(
      'invalid-input',
      'make needs a requirements file or notebooks, e.g. make requirements.txt train.ipynb --reference quay.io/alice/tools:1.',
    );
  if (!values.reference) throw new AppError('invalid-input', 'make needs --reference <registry/namespace/name:tag>: where the image is pushed.');
  if (values['password-stdin'] && !values.username) throw new AppError('invalid-input', '--password-stdin needs --username.');
  const target = parsePushTarget(values.reference);
  if (!target.ok) throw new AppError('invalid-input', `--reference ${values.reference}: ${target.error.message}`);
  const network = BuildNetwork.safeParse(values.network ?? 'default');
  if (!network.success) throw new AppError('invalid-input', `--network ${values.network} is not one of host, default.`);
  const timeout = values.timeout === undefined ? TRY_TIMEOUT_DEFAULT_SECONDS : Number(values.timeout);
  if (!Number.isInteger(timeout) || timeout < 5 || timeout > 86_400)
    throw new AppError('invalid-input', `--timeout ${values.timeout}: give whole seconds, from 5 to 86400.`);
  const requirementFiles = positionals.filter((p) => REQUIREMENTS.test(p));
  const notebooks = positionals.filter((p) => !REQUIREMENTS.test(p)).map((p) => resolve(p));

  const today = new Date();
  // The local image is named like the push unless --tag says otherwise, as the window suggests.
  const { recipe, fileSet } = await recipeFromArgs(requirementFiles[0], { ...values, tag: values.tag ?? target.target.reference }, today);
  if (fileSet && !fileSet.ok) throw new AppError(fileSet.code, `${fileSet.path}: ${fileSet.message}`);
  const fileFindings = fileSet?.ok ? [...fileSet.findings] : [];
  for (const file of requirementFiles.slice(1)) {
    const more = await readRequirementsFile(file);
    if (!more.ok) throw new AppError(more.code, `${more.path}: ${more.message}`);
    fileFindings.push(...more.findings);
    recipe.packages = [...recipe.packages, ...additionsFromFileSet(more).entries];
  }
  if (notebooks.length > 0) {
    // What the notebooks import joins the packages, unless a requirements file names it already.
    const inferred = await inferFromPaths(notebooks, {
      pythonVersion: recipe.pythonVersion,
      ...(recipe.index.indexUrl ? { indexUrl: recipe.index.indexUrl } : {}),
    });
    const known = new Set(recipe.packages.map((p) => requirementKey(p.text)));
    const added = inferred.packages.filter((p) => !known.has(requirementKey(p.requirement)));
    recipe.packages = [...recipe.packages, ...added.map((p, i) => ({ id: `inferred-${i}`, text: p.requirement, origin: { file: null, line: null } }))];
    if (added.length > 0) console.log(`==> From your notebooks: ${added.map((p) => p.requirement).join(', ')}`);
    for (const p of inferred.unknown) console.log(`warning: ${p.distribution} is imported but was not added: check its name (see the infer command).`);
  }
  const checked = planRecipe(recipe, { today, ...appIdentity() });
  const fileErrors = fileFindings.filter((f) => f.severity === 'error');
  if (fileErrors.length > 0 || !checked.canBuild || !checked.image) {
    for (const f of fileErrors) console.error(formatFileFinding(f));
    for (const f of checked.findings.filter((x) => x.severity === 'error')) console.error(`error: ${recipeFindingText(f)}`);
    return 1;
  }
  const tag = buildTag(checked.image);

  // The Elyra entry is checked before anything slow: a name that is taken is said now, not after the build.
  const entry = {
    displayName: values['elyra-name'] ?? displayNameOf(target.target.reference),
    imageName: target.target.reference,
    description: packageListDescription(recipe.packages.map((p) => p.text)),
    pullPolicy: MAKE_PULL_POLICY,
    pullSecret: null,
  };
  const elyraPaths = { dataDir: values.dir ?? null, env: process.env, homedir: process.env['HOME'] ?? homedir(), platform: process.platform };
  const planned = await planRuntimeImageWrite({ ...elyraPaths, image: entry });
  if (planned.refusal !== null) {
    console.error(`error: ${planned.refusal} (--elyra-name chooses another.)`);
    return 1;
  }
  const replace = Boolean(values.replace);
  if (planned.exists && !replace) {
    console.error(
      `error: ${planned.path} already exists (a runtime image named "${planned.name}"). Pass --replace to replace it, or --elyra-name to choose another name.`,
    );
    return 1;
  }
  const password = values['password-stdin'] ? await readPassword() : undefined;

  const controller = new AbortController();
  const onSignal = (): void => {
    console.error('Cancelling… (Ctrl-C again to quit at once)');
    controller.abort(new AppError('cancelled', 'Cancelled with Ctrl-C.'));
    process.once('SIGINT', () => process.exit(CANCELLED_EXIT));
  };
  process.once('SIGINT', onSignal);
  let cancelledMessage: string | null = null;
  try {
    const session = engineForCli();
    const { docker, engine } = await session.connect();
    // Before the build: a missing login is said now, not after it.
    const login = await cliLogin({
      registry: target.target.registry,
      username: values.username,
      password,
      docker: async () => docker,
      env: process.env,
      homedir: process.env['HOME'] ?? homedir(),
      signal: controller.signal,
    });
    console.log(`==> Logged in to ${target.target.registry.displayName} with ${login.source}`);
    const fit = await refuseUnfitPins(recipe, today);
    for (const pin of fit?.pins ?? []) if (pin.message !== null) console.log(`warning: ${pin.where ? `${pin.where}: ` : ''}${pin.message}`);
    const plan = planRecipe(recipe, { today, ...appIdentity(), builder: chooseBuilder(engine) });
    const shown = (path: string) => {
      const rel = relative(process.cwd(), path);
      return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    };

    const made = await runMake(
      {
        tag,
        reference: target.target.reference,
        build: async (step) => {
          let lastStep = '';
          const built = await runBuildJob(
            {
              signal: step.signal,
              log: step.log,
              progress: (p) => {
                step.progress(p);
                const text = describeBuildProgress(p);
                if (text !== lastStep) console.log(`==> ${(lastStep = text)}`);
              },
            },
            {
              docker,
              plan,
              tag,
              platform: recipe.platform,
              network: network.data,
              elyraVersion: recipe.elyraVersion,
              today,
              noCache: Boolean(values['no-cache']),
              customBase: recipe.base.kind === 'custom',
            },
          );
          for (const line of verifyReportLines(built.verify)) console.log(line);
          return built;
        },
        tryNotebooks:
          notebooks.length === 0
            ? null
            : async (step) => {
                const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
                const report = await tryImage({
                  docker,
                  image: tag,
                  paths: notebooks,
                  network: values['allow-network'] ? 'default' : 'none',
                  timeoutSeconds: timeout,
                  run: true,
                  outputDir: resolve('try-output', `${tag.replace(/^.*\//, '').replace(/[^A-Za-z0-9._-]+/g, '-')}-${stamp}`),
                  signal: step.signal,
                  log: step.log,
                  progress: step.progress,
                });
                for (const line of tryReportLines(report, shown)) console.log(line);
                return report;
              },
        push: async (step) => {
          const lines = createPushLines({ startedAtMs: Date.now() });
          const seen: { last: PushProgress | null } = { last: null };
          const ticking = setInterval(() => {
            for (const line of lines.tick(Date.now())) console.log(line);
          }, 1000);
          const pushed = await pushWithLogin({
            docker,
            image: tag,
            reference: target.target.reference,
            login: login.record,
            stores: login.stores,
            signal: step.signal,
            onEvent: (update) => {
              seen.last = update.progress;
              step.progress(update.progress);
              for (const line of lines.update(update, Date.now())) console.log(line);
            },
          }).finally(() => clearInterval(ticking));
          const final = seen.last === null ? null : lines.final(seen.last, Date.now());
          if (final !== null) console.log(final);
          console.log(`digest: ${pushed.digest}`);
          return pushed;
        },
        register: async () => {
          const plan = await planRuntimeImageWrite({ ...elyraPaths, image: entry });
          const written = await writeRuntimeImage(plan, { replace });
          console.log(`${written.replaced ? 'Replaced' : 'Wrote'} ${written.path}`);
          console.log(`  (the same with Elyra's own CLI: ${elyraMetadataCommand({ name: plan.name, metadata: plan.metadata })})`);
          return { ...written, name: plan.name };
        },
      },
      {
        signal: controller.signal,
        log: (line) => {
          // The build's and the try's own lines are printed as they come; the chain's are its headings.
          console.log(line);
        },
        progress: () => undefined,
        whenCancelled: (message) => {
          cancelledMessage = message;
        },
      },
    );
    console.log(`==> Ready in Elyra: "${entry.displayName}" runs ${made.push.reference} (${made.push.digest})`);
    return 0;
  } catch (error) {
    if (controller.signal.aborted) {
      console.error(cancelledMessage ?? 'Cancelled.');
      return CANCELLED_EXIT;
    }
    for (const line of errorLines(error)) console.error(line);
    return 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
