import type { Builder } from '../../contract/domain/build';

/**
 * The recipe as Dockerfile instructions, each with what it does in the user's words. Ordered for
 * the build cache: what changes least comes first, the user's own packages last, labels at the end.
 */
export interface DockerfileInput {
  baseImage: string;
  appName: string;
  appVersion: string;
  elyraLabel: string;
  /** Null for a custom base: its Python is whatever the image has. */
  pythonVersion: string | null;
  needsGit: boolean;
  allowSystemPip: boolean;
  /** Names of build args that carry pip's index settings (never secrets). */
  pipArgs: readonly string[];
  /** Present when Elyra's pins are pre-installed. */
  elyraRequirementsFile: string | null;
  /** False: ENV ELYRA_INSTALL_PACKAGES=false, so the bootstrapper (4.1+) installs nothing at start. */
  elyraInstallPackages: boolean;
  /** Give the image a working directory any user of group 0 may write to (needs a root build user). */
  groupWritableWorkdir: boolean;
  userRequirementsFile: string | null;
  /** Heavy packages installed before the user's list, each in a layer of its own (see layer-plan.ts). */
  heavyLayers?: readonly { args: string; why: string; label: string }[];
  /** Why the user's list is a layer of its own, when heavy layers come before it. */
  userLayerWhy?: string | null;
  constraintsFile: string | null;
  labels: Readonly<Record<string, string>>;
  /** BuildKit gets a pip cache mount; the classic builder has none. */
  builder: Builder;
}

export interface RenderedDockerfile {
  dockerfile: string;
  /** One label per step, as the engine numbers them (Step N/M). */
  stepLabels: string[];
}

const CONTEXT_DIR = '/tmp/runtime-image-builder';
/** The working directory Red Hat's Python images use: OpenShift users find the same layout in ours. */
export const WORKDIR = '/opt/app-root/src';

/** pip's cache for root; under BuildKit a cache mount, kept by the engine between builds and never in the image. */
const PIP_CACHE_DIR = '/root/.cache/pip';

/**
 * `pip install` as a RUN instruction. Under BuildKit pip's cache is a cache mount, so a rebuild
 * after one changed package downloads only that one. The image's ENV keeps PIP_NO_CACHE_DIR=1 for
 * Elyra's own pip at run time; pip reads --cache-dir on the command line after its environment, so
 * the option turns the cache back on for this command only (pip 23 to 25). Only what the index lets
 * pip cache is reused (PyPI's files say "max-age"; an index without caching headers is asked again).
 */
function pipInstall(builder: Builder, args: string): string {
  if (builder === 'classic') return `RUN python3 -m pip install ${args}`;
  return `RUN --mount=type=cache,target=${PIP_CACHE_DIR} python3 -m pip install --cache-dir=${PIP_CACHE_DIR} ${args}`;
}

/** A comment above an instruction, wrapped to lines that fit the preview (the build reads them as nothing). */
function comment(text: string, width = 96): string {
  const lines: string[] = [];
  for (const word of text.split(/\s+/)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.map((line) => `# ${line}\n`).join('');
}

function quoteLabel(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** Installs a system package only where the base lacks the command, so bases that have it build offline. */
function ensureCommand(command: string, debianPackages: string): string {
  return (
    `RUN command -v ${command} >/dev/null 2>&1 || ` +
    `(apt-get update && apt-get install -y --no-install-recommends ${debianPackages} && rm -rf /var/lib/apt/lists/*)`
  );
}

export function renderDockerfile(input: DockerfileInput): RenderedDockerfile {
  const steps: { instruction: string; label: string }[] = [];
  const step = (instruction: string, label: string) => steps.push({ instruction, label });

  step(`FROM ${input.baseImage}`, `starting from ${input.baseImage}`);
  const env = [
    'PIP_NO_CACHE_DIR=1',
    'PIP_DISABLE_PIP_VERSION_CHECK=1',
    'PIP_ROOT_USER_ACTION=ignore',
    'PYTHONDONTWRITEBYTECODE=1',
    ...(input.allowSystemPip ? ['PIP_BREAK_SYSTEM_PACKAGES=1'] : []),
  ];
  step(`ENV ${env.join(' \\\n    ')}`, 'setting up pip');
  step(ensureCommand('curl', 'curl ca-certificates'), 'making sure curl is there (Elyra fetches its bootstrapper with it)');
  if (input.needsGit) step(ensureCommand('git', 'git'), 'making sure git is there (for packages installed from a repository)');
  // Before the packages: it changes only with the base (stock bases get it, a custom one does not),
  // which rebuilds everything anyway, so a change to the packages never runs it again.
  if (input.groupWritableWorkdir) {
    // OpenShift (and Open Data Hub, OpenShift AI) runs pods as a random uid in group 0; Elyra's node
    // command makes its work folder in the working directory, so group 0 must be able to write there.
    step(
      `RUN mkdir -p ${WORKDIR} && chgrp -R 0 ${WORKDIR} && chmod -R g=u ${WORKDIR}`,
      'making a working directory that any user of group 0 may write to (OpenShift)',
    );
    step(`WORKDIR ${WORKDIR}`, `working in ${WORKDIR}`);
  }
  for (const arg of input.pipArgs) step(`ARG ${arg}`, `using your package index setting ${arg}`);

  if (input.elyraRequirementsFile !== null) {
    step(`COPY ${input.elyraRequirementsFile} ${CONTEXT_DIR}/`, `adding the list of ${input.elyraLabel}'s packages`);
    step(pipInstall(input.builder, `-r ${CONTEXT_DIR}/${input.elyraRequirementsFile}`), `installing ${input.elyraLabel}'s packages`);
  }
  for (const layer of input.heavyLayers ?? []) {
    // Pins on the RUN line itself, not in a copied file: the step's cache key is its own pins, so a
    // change elsewhere in the list leaves this layer as it is.
    step(`${comment(layer.why)}${pipInstall(input.builder, layer.args)}`, layer.label);
  }
  if (input.userRequirementsFile !== null) {
    const files = [input.userRequirementsFile, ...(input.constraintsFile ? [input.constraintsFile] : [])];
    step(`${input.userLayerWhy ? comment(input.userLayerWhy) : ''}COPY ${files.join(' ')} ${CONTEXT_DIR}/`, 'adding your package list');
    const constraint = input.constraintsFile ? ` -c ${CONTEXT_DIR}/${input.constraintsFile}` : '';
    step(pipInstall(input.builder, `-r ${CONTEXT_DIR}/${input.userRequirementsFile}${constraint}`), 'installing your packages');
  }
  // Late in the file, so that turning it on or off rebuilds only the last steps.
  if (!input.elyraInstallPackages) step('ENV ELYRA_INSTALL_PACKAGES=false', 'telling Elyra that nodes need not install anything when they start');
  const labels = Object.entries(input.labels).map(([key, value]) => `${key}=${quoteLabel(value)}`);
  if (labels.length > 0) step(`LABEL ${labels.join(' \\\n      ')}`, 'labelling the image');

  const header = [
    `# Made by ${input.appName} ${input.appVersion} for ${input.elyraLabel} on ${input.pythonVersion === null ? "the base image's own Python" : `Python ${input.pythonVersion}`}.`,
    '# Elyra starts containers with `sh -c`: the CMD and ENTRYPOINT of this image are replaced at run time.',
  ];
  return {
    dockerfile: `${[...header, ...steps.map((s) => s.instruction)].join('\n')}\n`,
    stepLabels: steps.map((s) => s.label),
  };
}
