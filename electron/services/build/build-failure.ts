import type { BuildFailure } from '../../contract/domain/build';

/**
 * Turns the engine's terse error (Docker: "The command '/bin/sh -c python3 -m pip install …'
 * returned a non-zero code: 1"; Podman: "building at STEP "RUN python3 -m pip install …": while
 * running runtime: exit status 1") plus the failing step's own output into a sentence that names
 * what went wrong. Pure: fed with lines recorded from real builds in the tests.
 */
export interface FailureInput {
  engineMessage: string;
  /** Output lines of the failing step, ANSI codes already stripped. */
  stepLog: readonly string[];
  step: { n: number; total: number; instruction: string } | null;
}

const DISK_FULL = /no space left on device|\[Errno 28\]/i;
const PIP_NETWORK =
  /Failed to establish a new connection|Temporary failure in name resolution|Name or service not known|Network is unreachable|No route to host|ConnectTimeoutError|Read timed out|Connection timed out|ProxyError|Max retries exceeded/i;
const PIP_TLS = /SSLError|CERTIFICATE_VERIFY_FAILED|certificate verify failed/i;
const APT_NETWORK = /Could not resolve '([^']+)'|Temporary failure resolving '([^']+)'|Could not connect to ([^\s:]+)|Failed to fetch (\S+)/i;
const PULL_MISSING = /manifest unknown|manifest for \S+ not found|not found: manifest|: not found$/i;
const PULL_DENIED =
  /pull access denied|repository does not exist|requested access to the resource is denied|unauthorized|no basic auth credentials|authentication required/i;
const PULL_NETWORK = /dial tcp|no such host|i\/o timeout|TLS handshake timeout|connection refused|network is unreachable|server misbehaving/i;
// Podman pulls a FROM image over https from every registry registries.conf does not mark insecure
// ("pinging container registry localhost:5000: … server gave HTTP response to HTTPS client", seen on 5.8).
const PULL_PLAIN_HTTP = /server gave HTTP response to HTTPS client/i;
const PULL_UNTRUSTED = /x509: |certificate signed by unknown authority|certificate is not valid/i;
// Podman's runtime could not start the step's container at all (e.g. "error setting rlimit type 6"):
// the step's own command never ran, so its exit status is the runtime's, not the recipe's.
const RUNTIME_FAILED = /^error running container: /;
// Podman's builder when a signal ended the step ("container exited on killed", seen on 5.8 when the
// service was stopped mid-step); it then reports "exit status 1" whatever the step would have returned.
const KILLED_BY_SIGNAL = /^container exited on (\S+)/;
const NOT_SATISFIED =
  /^ERROR: Could not find a version that satisfies the requirement (.+?)(?: \(from (?!versions:)([^)]*)\))?(?: \(from versions: ([^)]*)\))?\s*$/;
const NO_MATCHING = /^ERROR: No matching distribution found for (.+?)\s*$/;
const CONFLICT_START = /^The conflict is caused by:\s*$/;
const USER_REQUESTED = /^The user requested (?:\(constraint\) )?(.+?)\s*$/;
const DEPENDS_ON = /^(\S+) (\S+) depends on (.+?)\s*$/;
const EXTERNALLY_MANAGED = /externally-managed-environment/;
const LOOKING_IN = /^Looking in indexes: (.+?)\s*$/;

/** The distribution name at the front of a requirement string: "ribdemo-alpha<2" → "ribdemo-alpha". */
export function requirementName(requirement: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(requirement.trim())?.[0] ?? requirement.trim();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function indexOf(stepLog: readonly string[]): string | null {
  for (const line of stepLog) {
    const match = LOOKING_IN.exec(line);
    if (match) return match[1] ?? null;
  }
  return null;
}

function fromImage(step: FailureInput['step']): string | null {
  if (step === null) return null;
  const match = /^FROM\s+(?:--platform=\S+\s+)?(\S+)/i.exec(step.instruction);
  return match ? (match[1] ?? null) : null;
}

/** The registry host of an image reference ("localhost:5000/a/b:1" → "localhost:5000"); Docker Hub when none is named. */
function registryOf(image: string): string {
  const [first = '', ...rest] = image.split('/');
  return rest.length > 0 && (/[.:]/.test(first) || first === 'localhost') ? first : 'docker.io';
}

/** What runc said, without the command it was starting: `… msg="runc create failed: … init: error setting rlimit type 6: …"`. */
function runtimeReason(line: string): string {
  const said = /msg="([^"]+)"/.exec(line)?.[1] ?? line.replace(RUNTIME_FAILED, '');
  return (said.split('error during container init: ')[1] ?? said).slice(0, 200);
}

function installsElyraPins(step: FailureInput['step']): boolean {
  return step !== null && step.instruction.includes('requirements-elyra.txt');
}

function stepWords(step: FailureInput['step']): string {
  return step === null ? 'the build' : `step ${step.n} of ${step.total}`;
}

/**
 * The exit code of the step's command: the classic builder's "returned a non-zero code: N",
 * BuildKit's "did not complete successfully: exit code: N", Podman's "while running runtime: exit status N".
 */
export function stepExitCode(engineMessage: string): string | null {
  return (
    /(?:returned a non-zero code|did not complete successfully: exit code): (\d+)/.exec(engineMessage)?.[1] ??
    /while running runtime: exit status (\d+)/.exec(engineMessage)?.[1] ??
    null
  );
}

const exitCode = stepExitCode;

/** The signal that ended the step, as Podman's builder names it ("killed", "terminated"), if one did. */
function killingSignal(stepLog: readonly string[]): string | null {
  for (let i = stepLog.length - 1; i >= Math.max(0, stepLog.length - 3); i -= 1) {
    const match = KILLED_BY_SIGNAL.exec(stepLog[i]?.trim() ?? '');
    if (match) return match[1] ?? null;
  }
  return null;
}

/**
 * Whether a stopping engine could be what failed the build: the step was killed from outside
 * (137/143, or a signal Podman names), or the error is the engine's own rather than a step's exit
 * code. Only then is it worth watching the engine a moment longer before blaming the recipe.
 */
export function engineMayHaveCaused(engineMessage: string | null, stepLog: readonly string[] = []): boolean {
  const code = stepExitCode(engineMessage ?? '');
  return code === null || code === '137' || code === '143' || killingSignal(stepLog) !== null;
}

/** pip's block after "The conflict is caused by:", up to the blank line that ends it. */
function conflictLines(stepLog: readonly string[]): string[] {
  const start = stepLog.findIndex((line) => CONFLICT_START.test(line.trim()));
  if (start < 0) return [];
  const lines: string[] = [];
  for (const line of stepLog.slice(start + 1)) {
    if (line.trim() === '' || /^To fix this/.test(line.trim())) break;
    lines.push(line.trim());
  }
  return lines;
}

function errorLines(stepLog: readonly string[]): string[] {
  return stepLog.filter((line) => /^(ERROR|error|E):/.test(line.trim()) || /^×/.test(line.trim())).map((line) => line.trim());
}

function make(
  kind: BuildFailure['kind'],
  input: FailureInput,
  fields: Partial<Omit<BuildFailure, 'kind' | 'engineMessage' | 'step'>> & { message: string },
): BuildFailure {
  return {
    kind,
    message: fields.message,
    hint: fields.hint ?? null,
    packages: fields.packages ?? [],
    toolOutput: fields.toolOutput ?? [],
    engineMessage: input.engineMessage === '' ? null : input.engineMessage,
    step: input.step?.n ?? null,
  };
}

function baseImageFailure(input: FailureInput, image: string): BuildFailure {
  const { engineMessage } = input;
  const output = [engineMessage];
  if (PULL_MISSING.test(engineMessage)) {
    return make('base-image', input, {
      message: `The base image ${image} does not exist: the registry has no such name or tag.`,
      hint: 'Check the spelling and the tag of the base image.',
      toolOutput: output,
    });
  }
  if (PULL_DENIED.test(engineMessage)) {
    return make('base-image', input, {
      message: `The base image ${image} could not be pulled: it does not exist, or the registry wants a login.`,
      hint: 'Check the name of the base image; if it is private, log in to its registry first.',
      toolOutput: output,
    });
  }
  if (PULL_PLAIN_HTTP.test(engineMessage) || PULL_UNTRUSTED.test(engineMessage)) {
    const registry = registryOf(image);
    return make('base-image', input, {
      message: PULL_PLAIN_HTTP.test(engineMessage)
        ? `The base image ${image} is on ${registry}, which answers with plain http, and the engine pulls only over https.`
        : `The base image ${image} is on ${registry}, whose certificate the engine does not trust.`,
      hint: `Podman: mark ${registry} as insecure in registries.conf ([[registry]] location = "${registry}", insecure = true). Docker: add it to "insecure-registries" in daemon.json. Then restart the engine and press Retry.`,
      toolOutput: output,
    });
  }
  if (PULL_NETWORK.test(engineMessage)) {
    return make('base-image', input, {
      message: `The base image ${image} is not on this engine, and the engine could not reach its registry to download it.`,
      hint: 'Check the network of the Docker engine (proxy, VPN), or pull the image once while online, then press Retry.',
      toolOutput: output,
    });
  }
  return make('base-image', input, {
    message: `The base image ${image} could not be pulled.`,
    hint: 'Check the name of the base image and that the engine can reach its registry, then press Retry.',
    toolOutput: output,
  });
}

function networkFailure(input: FailureInput, index: string | null): BuildFailure | null {
  const { stepLog } = input;
  const apt = stepLog.map((line) => APT_NETWORK.exec(line)).find((match) => match !== null);
  if (apt) {
    const host = apt[1] ?? apt[2] ?? apt[3] ?? apt[4] ?? 'the system package servers';
    return make('network', input, {
      message: `The build could not reach ${host} to install system packages (${stepWords(input.step)}).`,
      hint: 'The base image lacks a command the image needs (curl or git), and the build has no internet access. Check the network or proxy of the Docker engine, or use a base image that has the command.',
      toolOutput: stepLog.filter((line) => APT_NETWORK.test(line) || /^E:/.test(line)).slice(-5),
    });
  }
  const tls = stepLog.filter((line) => PIP_TLS.test(line));
  if (tls.length > 0) {
    return make('network', input, {
      message: `The build could not make a trusted connection to the package index${index ? ` ${index}` : ''}.`,
      hint: 'If the index uses its own certificate, add its host to "Trusted hosts" in Settings.',
      toolOutput: tls.slice(-3),
    });
  }
  const pip = stepLog.filter((line) => PIP_NETWORK.test(line));
  if (pip.length === 0) return null;
  const refused = pip.some((line) => /Connection refused/i.test(line));
  const resolve = pip.some((line) => /name resolution|Name or service not known/i.test(line));
  const why = refused ? 'connection refused' : resolve ? 'its name could not be resolved' : 'no answer';
  const local = index !== null && /\/\/(127\.0\.0\.1|localhost|\[::1\])[:/]/.test(index);
  return make('network', input, {
    message: `The build could not reach the package index${index ? ` ${index}` : ''} (${why}).`,
    hint: local
      ? 'That index runs on this computer: choose the "host" build network so the build can reach it.'
      : 'Check the index address in Settings and the network or proxy of the Docker engine. An index only this computer can reach needs the "host" build network.',
    toolOutput: [...pip.slice(-2), ...errorLines(stepLog)].slice(-5),
  });
}

function pipFailure(input: FailureInput, index: string | null): BuildFailure | null {
  const { stepLog } = input;
  const where = index ? ` on ${index}` : ' on the package index';
  const whose = installsElyraPins(input.step) ? "Elyra's packages" : 'your packages';

  if (stepLog.some((line) => EXTERNALLY_MANAGED.test(line))) {
    return make('externally-managed', input, {
      message: `pip refused to install ${whose}: the base image's Python is "externally managed" (PEP 668).`,
      hint: 'On the Base step, under the custom base image, turn on "Allow pip to install into the system Python" and build again (it sets PIP_BREAK_SYSTEM_PACKAGES=1, which Elyra\'s own pip needs at run time too; on the command line: --allow-system-pip), or choose the Slim or Full base, which are not externally managed.',
      toolOutput: stepLog.filter((line) => EXTERNALLY_MANAGED.test(line) || /^×|^╰─>|^error:/.test(line.trim())).slice(0, 5),
    });
  }

  const conflict = conflictLines(stepLog);
  if (conflict.length > 0 || stepLog.some((line) => /ResolutionImpossible|conflicting dependencies/.test(line))) {
    const names: string[] = [];
    const reasons: string[] = [];
    for (const line of conflict) {
      const requested = USER_REQUESTED.exec(line);
      const depends = DEPENDS_ON.exec(line);
      if (requested) {
        names.push(requirementName(requested[1] ?? ''));
        reasons.push(`you asked for ${requested[1]}`);
      } else if (depends) {
        names.push(depends[1] ?? '', requirementName(depends[3] ?? ''));
        reasons.push(`${depends[1]} ${depends[2]} needs ${depends[3]}`);
      }
    }
    const packages = unique(names.filter((name) => name !== ''));
    const cannot = stepLog.find((line) => /^ERROR: Cannot install/.test(line.trim()));
    return make('package-conflict', input, {
      message:
        packages.length > 0
          ? `These packages need versions that cannot go together: ${packages.join(', ')} (${reasons.join('; ')}).`
          : 'pip found no set of versions that satisfies all your packages together.',
      hint: 'Loosen or change one of the versions, then build again.',
      packages,
      toolOutput: [...(cannot ? [cannot.trim()] : []), ...conflict, ...errorLines(stepLog).filter((line) => line !== cannot?.trim())],
    });
  }

  const missing: { requirement: string; from: string | null; versions: string | null }[] = [];
  for (const line of stepLog) {
    const match = NOT_SATISFIED.exec(line.trim());
    if (match) missing.push({ requirement: match[1] ?? '', from: match[2] ?? null, versions: match[3] ?? null });
  }
  for (const line of stepLog) {
    const match = NO_MATCHING.exec(line.trim());
    if (match && !missing.some((m) => m.requirement === match[1])) missing.push({ requirement: match[1] ?? '', from: null, versions: null });
  }
  if (missing.length > 0) {
    const first = missing[0] ?? { requirement: '', from: null, versions: null };
    const name = requirementName(first.requirement);
    const versions = first.versions && first.versions !== 'none' ? ` (it has ${first.versions})` : '';
    const message = first.from
      ? `${first.from} needs ${first.requirement}, which pip could not find${where}${versions}.`
      : first.versions && first.versions !== 'none'
        ? `pip could not find a version of ${name} that matches ${first.requirement}${where}${versions}.`
        : `pip could not find the package ${name}${where}.`;
    return make('package-not-found', input, {
      message,
      hint: first.from
        ? `${first.from} depends on a package your index does not have: add it to the index, or pick another version of ${first.from}.`
        : 'Check the spelling and the version, or the package index in Settings.',
      packages: unique(missing.map((m) => requirementName(m.requirement))),
      toolOutput: errorLines(stepLog),
    });
  }

  // Any other failure of a pip step; a failing step that is not pip's goes to the generic message.
  // Only when the step itself failed (the engine says "returned a non-zero code"): an error of the
  // engine's own during a pip step (a failed mount, a stopping engine) is not pip's.
  if (input.step === null || !/pip install/.test(input.step.instruction) || exitCode(input.engineMessage) === null) return null;
  const errors = errorLines(stepLog);
  const building = stepLog
    .map((line) => /Failed building wheel for (\S+)|Could not build wheels for (\S+)|Building wheel for (\S+) .*did not run successfully/.exec(line))
    .find((m) => m !== null);
  const builtName = building ? (building[1] ?? building[2] ?? building[3] ?? null) : null;
  return make('pip-failed', input, {
    message: builtName
      ? `pip could not build ${builtName} from source while installing ${whose}.`
      : `pip could not install ${whose}${errors.length > 0 ? `: ${errors[errors.length - 1]?.replace(/^ERROR:\s*/, '')}` : ` (exit code ${exitCode(input.engineMessage) ?? 'unknown'})`}.`,
    hint: builtName
      ? `${builtName} has no ready-made wheel for this Python and platform: pick a version that has one, or a full base image with compilers.`
      : "pip's own message is in the log.",
    packages: builtName ? [builtName] : [],
    toolOutput: errors.length > 0 ? errors : stepLog.slice(-10),
  });
}

export function classifyBuildFailure(input: FailureInput): BuildFailure {
  const { engineMessage, stepLog, step } = input;
  if (DISK_FULL.test(engineMessage) || stepLog.some((line) => DISK_FULL.test(line))) {
    return make('disk-full', input, {
      message: 'The Docker engine ran out of disk space during the build.',
      hint: "Free space for Docker (remove unused images and build cache, e.g. in Docker Desktop's Troubleshoot page or with `docker system prune`), then press Retry.",
      toolOutput: [...stepLog.filter((line) => DISK_FULL.test(line)), ...(DISK_FULL.test(engineMessage) ? [engineMessage] : [])].slice(-5),
    });
  }
  const image = fromImage(step);
  if (image !== null || PULL_DENIED.test(engineMessage) || /^manifest for /.test(engineMessage)) {
    return baseImageFailure(input, image ?? 'of the recipe');
  }
  const runtime = stepLog.filter((line) => RUNTIME_FAILED.test(line));
  if (runtime.length > 0) {
    return make('other', input, {
      message: `The engine could not start a container for ${stepWords(step)}: its container runtime refused (${runtimeReason(runtime[runtime.length - 1] ?? '')}).`,
      hint: "This is the engine's set-up, not the recipe: check its configuration (for Podman, containers.conf, e.g. default_ulimits), then press Retry.",
      toolOutput: [...runtime.slice(-3), engineMessage],
    });
  }
  const code = exitCode(engineMessage);
  const signal = killingSignal(stepLog);
  // Killed from outside: whatever the step printed before is not the cause.
  if (code === '137' || code === '143' || signal !== null) {
    const what = stepWords(step);
    return make('other', input, {
      message: `${what.charAt(0).toUpperCase()}${what.slice(1)} was killed (${signal !== null ? `signal: ${signal}` : `exit code ${code}`}).`,
      hint: 'Usually the engine ran out of memory: give Docker more memory, or install fewer packages at once, then press Retry.',
      toolOutput: [...stepLog.slice(-10), engineMessage],
    });
  }
  const index = indexOf(stepLog);
  const network = networkFailure(input, index);
  if (network) return network;
  const pip = pipFailure(input, index);
  if (pip) return pip;
  return make('other', input, {
    message: step
      ? `The build stopped at step ${step.n} of ${step.total} (${step.instruction.slice(0, 120)})${code ? ` with exit code ${code}` : ''}.`
      : `The build failed: ${engineMessage}`,
    hint: "The engine's message and the step's output are in the log.",
    toolOutput: [...stepLog.slice(-10), engineMessage],
  });
}

/**
 * A base image the engine has, but not for the platform asked: Podman (unlike Docker's classic
 * builder, which takes the local image as it is) tries to pull the asked platform, and that pull
 * failed. Said so, rather than "not on this engine".
 */
export function basePlatformFailure(failure: BuildFailure, image: string, has: string, asked: string): BuildFailure {
  return {
    ...failure,
    message: `The engine has the base image ${image} only for ${has}, not ${asked}, and could not download it for ${asked}.`,
    hint: `Build for ${has} on this engine, or let the engine reach the registry of ${image} (or pull it for ${asked} once while online), then press Retry.`,
  };
}

/** The engine went away (before or during the build): the request failed or the stream broke off. */
export function engineGoneFailure(detail: string, step: FailureInput['step']): BuildFailure {
  return {
    kind: 'engine-unavailable',
    message: step
      ? `The Docker engine stopped answering during the build (at step ${step.n} of ${step.total}).`
      : 'The Docker engine is not running, so the build could not start.',
    hint: 'Start Docker (Docker Desktop, Colima, Rancher Desktop or the docker service), then press Retry.',
    packages: [],
    toolOutput: [detail],
    engineMessage: null,
    step: step?.n ?? null,
  };
}
