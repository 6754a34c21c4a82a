import { parseArgs } from 'node:util';
import { AppError, ErrorCodes, hasErrorCode } from '../contract/errors';
import { errorLines } from './format';
import { planRecipe, recipeFindingText, recipePythonFit } from '../services/recipe';
import { formatFileFinding, recipeFromArgs, recipeOptionSpec } from './recipe-options';
import { appIdentity } from './app-identity';
import { buildCommand } from './build-command';
import { elyraCommand } from './elyra-command';
import { inferCommand } from './infer-command';
import { makeCommand } from './make-command';
import { pushCommand } from './push-command';
import { tryCommand } from './try-command';
import { verifyCommand } from './verify-command';

/**
 * The headless entry: the same services as the app, without Electron, for CI users and our own
 * tests and benchmarks. `npm run cli -- <command> …`
 */
const usage = `Usage: npm run cli -- <command> [options]

Commands:
  plan <requirements.txt> [--python 3.12] [--elyra main|4.1|4.0|3.15] [--base slim|full|<image>]
       [--platform linux/amd64|linux/arm64] [--index-url URL] [--extra-index-url URL]… [--trusted-host HOST]…
       [--no-elyra-pins] [--no-install-at-start] [--allow-system-pip] [--tag name:tag]
       Checks the recipe and prints its findings and Dockerfile. --no-install-at-start sets
       ELYRA_INSTALL_PACKAGES=false in the image (Elyra 4.1 and newer, with Elyra's pins in the image). Exit 0 when it can be built, 1 when not.
  build <requirements.txt> --tag <name:tag> [--network host|default] [--no-cache] [the plan options]
       Builds on the local engine and checks the image the way Elyra runs it, printing progress as lines.
       Exit 0 when built and runnable by Elyra, 1 when not.
  verify <image> [--elyra main|4.1|4.0|3.15]
       Runs the image once the way Elyra does and prints the check, with what Elyra's bootstrapper does
       with each of its pins at node start (installed, upgraded, DOWNGRADED, kept). Exit 1 when it fails.
  push <image> --registry <url> [--namespace ns] [--name n] [--tag t] | --reference <registry/ns/name:tag>
       [--username u [--password-stdin]]
       Tags and pushes a local image, printing progress, then the reference and its digest. The login:
       with --password-stdin the password read from stdin; with --username alone the app's saved login
       (keychain), else Docker's; with neither, Docker's own login. Exit 0 when pushed, 1 when not,
       130 when cancelled with Ctrl-C.
  elyra <image-reference> --display-name "…" [--description "…"] [--tag t]… [--name n]
       [--pull-policy Always|IfNotPresent|Never] [--pull-secret name] [--dir <jupyter data dir>] [--replace]
       Writes the runtime-image configuration where Elyra reads it (or under --dir), prints its path and the
       equivalent elyra-metadata command. Exit 1 when the file exists and --replace is not given.
  infer <notebooks, scripts or folders…> [--python 3.12] [--index-url URL] [--json]
       Prints the packages the code imports (distribution, requirement, confidence, where), the names to
       decide on, and what could not be read. --index-url confirms names with a package index. Exit 0.
  try <image> <notebooks, scripts or folders…> [--allow-network] [--timeout 300] [--imports-only] [--out DIR]
       Tries the image the way Elyra runs it: imports every import of the files inside the image (no network,
       as an arbitrary user of group 0, as OpenShift runs pods), explaining each failure with its fix; then
       runs each notebook with papermill and each script with python3 in a fresh container, in
       ./jupyter-work-dir with the file's folder, each within the time limit (seconds). Prints the failing
       cell and its error; saves the executed notebooks, the scripts' logs and try-report.json under --out
       (default ./try-output/<image>-<time>). Exit 0 only when every import and every run passes.
  make <requirements.txt and/or notebooks…> --reference <registry/ns/name:tag> [--elyra-name "…"] [--replace]
       [--dir <jupyter data dir>] [--username u [--password-stdin]] [--allow-network] [--timeout 300]
       [--network host|default] [--no-cache] [--tag name:tag] [the plan options]
       All of it in one go, as the window's one button: builds and checks the image (the packages of the
       requirements files, and those the notebooks import), tries the notebooks in it (when given), pushes
       it (the login as for push) and writes its runtime image where Elyra reads it (as elyra does; pull
       policy Always, since the same tag is pushed again after each change). Stops at the first step that
       fails and names it. Exit 0 when the image is in Elyra, 1 when a step failed, 130 when cancelled
       with Ctrl-C.

Wrong or missing arguments exit 2.`;

async function plan(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: recipeOptionSpec, allowPositionals: true });
  const [file] = positionals;
  if (!file) throw new AppError('invalid-input', 'plan needs a requirements file.');
  const { recipe, fileSet } = await recipeFromArgs(file, values, new Date());
  if (fileSet && !fileSet.ok) {
    console.error(`error: ${fileSet.path}: ${fileSet.message}`);
    return 1;
  }
  const fileFindings = fileSet?.ok ? fileSet.findings : [];
  for (const f of fileFindings) console.log(formatFileFinding(f));
  const result = planRecipe(recipe, { today: new Date(), ...appIdentity() });
  // Package findings were printed with their file and line above; the rest come from the plan.
  for (const f of result.findings.filter((f) => f.field !== 'packages' || f.code === 'elyra-pin-conflict')) {
    console.log(`${f.severity}: ${recipeFindingText(f)}${f.hint ? ` (${f.hint})` : ''}`);
  }
  // Each exact pin looked up in the index: a pin with nothing for this Python cannot be built.
  const fit = recipe.base.kind === 'custom' ? null : await recipePythonFit(recipe, new Date());
  for (const pin of fit?.pins ?? []) {
    if (pin.message !== null) console.log(`${pin.fit === 'none' ? 'error' : 'warning'}: ${pin.where ? `${pin.where}: ` : ''}${pin.message}`);
  }
  if (fit?.suggestion) console.log(`hint: --python ${fit.suggestion} has wheels for every pin.`);
  if (fit?.unreachable) console.log(`note: ${fit.unreachable}`);
  console.log('');
  console.log(result.dockerfile);
  const buildable = result.canBuild && !fileFindings.some((f) => f.severity === 'error') && !(fit?.pins.some((p) => p.fit === 'none') ?? false);
  console.log(buildable ? 'This recipe can be built.' : 'This recipe cannot be built until the errors above are fixed.');
  return buildable ? 0 : 1;
}

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  plan,
  build: buildCommand,
  push: pushCommand,
  verify: verifyCommand,
  elyra: elyraCommand,
  infer: inferCommand,
  try: tryCommand,
  make: makeCommand,
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const run = command ? commands[command] : undefined;
  if (!run) {
    console.error(usage);
    return 2;
  }
  try {
    return await run(rest);
  } catch (error) {
    for (const line of errorLines(error)) console.error(line);
    return isUsageError(error) ? 2 : 1;
  }
}

/** Wrong or missing arguments (exit 2), as opposed to a build or push that failed (exit 1). */
function isUsageError(error: unknown): boolean {
  if (error instanceof AppError) return hasErrorCode(error, ErrorCodes.invalidInput, ErrorCodes.registryAddressInvalid);
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

process.exitCode = await main(process.argv.slice(2));
