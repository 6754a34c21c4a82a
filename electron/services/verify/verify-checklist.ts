import type { ElyraVersion } from '../../contract/domain/elyra';
import { PythonVersion } from '../../contract/domain/elyra';
import type { CheckItem, CheckStatus, PinState } from '../../contract/domain/verify';
import { elyraRelease, isPythonEndOfLife, PYTHON_EOL, pythonMinor } from '../elyra-data';
import { bootstrapperPinStates, pinsSatisfiedExactly } from './bootstrapper-pins';
import type { ImageProbe } from './image-probe';

/** The parts of the image's own configuration the checklist looks at (from image inspect). */
export interface ImageConfig {
  cmd: readonly string[] | null;
  entrypoint: readonly string[] | null;
  env: readonly string[];
}

export interface ChecklistInput {
  probe: ImageProbe;
  config: ImageConfig;
  elyraVersion: ElyraVersion;
  today: Date;
  /** True when the probe asked pip (with a network) whether the missing pins would install. */
  pinInstallChecked: boolean;
}

const ALLOW_SYSTEM_PIP_FIX =
  'On the Base step, under the custom base image, turn on "Allow pip to install into the system Python" and build again: it sets PIP_BREAK_SYSTEM_PACKAGES=1 in the image, which lets pip (and Elyra\'s own pip at run time) install. Or choose the Slim or Full base (official python images), which are not externally managed.';

function pythonMinorOf(version: string): PythonVersion | null {
  const minor = /^(\d+)\.(\d+)/.exec(version);
  if (!minor) return null;
  const parsed = PythonVersion.safeParse(`${minor[1]}.${minor[2]}`);
  return parsed.success ? parsed.data : null;
}

function shItem(probe: ImageProbe): CheckItem {
  if (probe.ran)
    return { id: 'sh', status: 'pass', title: 'sh to start the container', detail: `Elyra starts the container with sh -c; found ${probe.sh ?? 'sh'}.` };
  return {
    id: 'sh',
    status: 'fail',
    title: 'sh to start the container',
    detail: `The image could not run sh -c, which is how Elyra starts every pipeline node${probe.startError ? `: ${probe.startError}` : '.'}`,
    fix: 'Use a base image with a shell (distroless and scratch images have none).',
  };
}

function pythonItem(input: ChecklistInput): CheckItem {
  const { probe, elyraVersion, today } = input;
  const title = 'python3 on PATH, a version Elyra supports';
  const release = elyraRelease(elyraVersion);
  const range = `${release.label} runs Python ${release.python.min} to ${release.python.max}`;
  if (!probe.ran) return { id: 'python3', status: 'fail', title, detail: 'Not checked: the container did not start.' };
  if (probe.python3 === null) {
    return {
      id: 'python3',
      status: 'fail',
      title,
      detail: 'There is no python3 on PATH; Elyra runs every notebook with python3.',
      fix: 'Use a base image with Python 3 (the slim or full base of the recipe).',
    };
  }
  if (probe.python === null) {
    return {
      id: 'python3',
      status: 'fail',
      title,
      detail: `${probe.python3} is there but did not run: ${probe.pythonError ?? 'no output'}`,
      fix: 'Check the Python of the base image.',
    };
  }
  const { version } = probe.python;
  const minor = pythonMinorOf(version);
  const where = `Python ${version} at ${probe.python3}`;
  const inRange = minor !== null && pythonMinor(minor) >= pythonMinor(release.python.min) && pythonMinor(minor) <= pythonMinor(release.python.max);
  if (!inRange) {
    return {
      id: 'python3',
      status: 'fail',
      title,
      detail: `${where}. ${range}.`,
      fix: `Pick a base with Python ${release.python.min} to ${release.python.max}, or the Elyra version you run.`,
    };
  }
  const eol = PYTHON_EOL.find((entry) => entry.version === minor)?.endOfLife ?? 'unknown';
  if (minor !== null && isPythonEndOfLife(minor, today)) {
    return { id: 'python3', status: 'fail', title, detail: `${where} stopped getting security fixes in ${eol}.`, fix: 'Pick a base with a newer Python.' };
  }
  return { id: 'python3', status: 'pass', title, detail: `${where}. ${range}; this one gets security fixes until ${eol}.` };
}

function pipItem(probe: ImageProbe): CheckItem {
  const title = 'pip for python3';
  if (probe.python === null) return { id: 'pip', status: 'fail', title, detail: 'Not checked: python3 did not run.' };
  const { pip } = probe.python;
  if (pip.exit === 0) return { id: 'pip', status: 'pass', title, detail: pip.lines.join(' ').trim() };
  return {
    id: 'pip',
    status: 'fail',
    title,
    detail: `python3 -m pip does not work: ${pip.lines.slice(-1).join('') || `exit code ${pip.exit}`}. Elyra installs its packages with it when a node starts.`,
    fix: 'Use a base image with pip (Debian and Ubuntu: the python3-pip package), or an official python image.',
  };
}

function curlItem(probe: ImageProbe): CheckItem {
  const title = 'curl on PATH';
  if (!probe.ran) return { id: 'curl', status: 'fail', title, detail: 'Not checked: the container did not start.' };
  if (probe.curl !== null) return { id: 'curl', status: 'pass', title, detail: `Found ${probe.curl}; Elyra fetches its bootstrapper with it.` };
  return {
    id: 'curl',
    status: 'fail',
    title,
    detail: 'There is no curl on PATH. Elyra downloads its bootstrapper with curl when a pipeline node starts, so every node would fail.',
    fix: 'Build the image with the recipe, which installs curl when the base lacks it, or use a base image that has curl.',
  };
}

function pipCanInstallItem(probe: ImageProbe): CheckItem {
  const title = 'pip can install into this python3';
  const python = probe.python;
  if (python === null || python.pip.exit !== 0) return { id: 'pip-can-install', status: 'fail', title, detail: 'Not checked: pip does not work.' };
  const marker = python.externallyManaged ? `${python.markerPath} is there` : 'there is no EXTERNALLY-MANAGED marker';
  if (python.pipInstallBlocked === true) {
    return {
      id: 'pip-can-install',
      status: 'fail',
      title,
      detail: `This Python is "externally managed" (PEP 668: ${marker}), so pip refuses to install into it. Elyra runs python3 -m pip install at the start of every node, which would fail.`,
      fix: ALLOW_SYSTEM_PIP_FIX,
    };
  }
  const why = python.inVenv
    ? 'python3 is in a virtual environment'
    : python.externallyManaged
      ? `${marker}, but PIP_BREAK_SYSTEM_PACKAGES${python.breakSystemPackages ? `=${python.breakSystemPackages}` : ''} (or pip's configuration) allows installs`
      : marker;
  return { id: 'pip-can-install', status: 'pass', title, detail: `pip would install: ${why}.` };
}

function listed(states: readonly PinState[], text: (p: PinState) => string): string {
  const list = states.map(text);
  return list.length > 6 ? `${list.slice(0, 6).join(', ')} and ${list.length - 6} more` : list.join(', ');
}

/** The pins grouped by what the bootstrapper does with them, in words. */
function pinGroups(pins: readonly PinState[]): string[] {
  const of = (action: PinState['state']) => pins.filter((p) => p.state === action);
  const groups: string[] = [];
  const downgraded = of('downgraded');
  if (downgraded.length > 0) {
    groups.push(
      `DOWNGRADED at each node start: ${listed(downgraded, (p) => `${p.freezeName ?? p.name} ${p.installed ?? ''} to ${p.pin}`)} (pip freeze spells ${downgraded.length === 1 ? 'it' : 'them'} differently from Elyra's list, and the bootstrapper compares names exactly, so a newer version counts as missing)`,
    );
  }
  const older = of('older');
  if (older.length > 0) groups.push(`upgraded at each node start: ${listed(older, (p) => `${p.freezeName ?? p.name} ${p.installed ?? ''} to ${p.pin}`)}`);
  const missing = of('missing');
  if (missing.length > 0) groups.push(`installed at each node start (missing): ${listed(missing, (p) => `${p.name} ${p.pin}`)}`);
  return groups;
}

function keptNotes(pins: readonly PinState[]): string {
  const notes: string[] = [];
  const respelled = pins.filter((p) => p.state === 'respelled');
  if (respelled.length > 0)
    notes.push(
      `pip install still runs for ${listed(respelled, (p) => `${p.freezeName ?? p.name}`)} at each node start, because pip freeze spells ${respelled.length === 1 ? 'it' : 'them'} differently from Elyra's list; pip finds the pinned version there and downloads nothing`,
    );
  const newer = pins.filter((p) => p.state === 'newer-kept');
  if (newer.length > 0) notes.push(`newer versions kept: ${listed(newer, (p) => `${p.name} ${p.installed ?? ''} (pin ${p.pin})`)}`);
  const unchecked = pins.filter((p) => p.state === 'unchecked');
  if (unchecked.length > 0) notes.push(`kept without comparing (editable or not a release version): ${listed(unchecked, (p) => p.name)}`);
  return notes.length > 0 ? ` ${notes.map((n) => n[0]?.toUpperCase() + n.slice(1)).join('. ')}.` : '';
}

function pinsItem(input: ChecklistInput, pins: readonly PinState[]): CheckItem {
  const { probe, elyraVersion } = input;
  const release = elyraRelease(elyraVersion);
  const title = `${release.label}'s packages, as its bootstrapper compares them`;
  const python = probe.python;
  if (python === null || python.freeze === undefined || python.freeze.exit !== 0) {
    const why =
      python === null
        ? 'python3 did not run'
        : python.freeze === undefined
          ? 'pip does not work'
          : `pip freeze failed${python.freeze.lines.length > 0 ? '' : ` (exit code ${python.freeze.exit})`}`;
    return { id: 'elyra-pins', status: 'warn', title, detail: `Not checked: ${why}. Elyra reads pip freeze at each node start to decide what to install.` };
  }
  const groups = pinGroups(pins);
  const kept = keptNotes(pins);
  // Since v4.1.0 the bootstrapper installs its pins only while ELYRA_INSTALL_PACKAGES is "true" (any case).
  const switchValue = input.config.env.find((e) => e.startsWith('ELYRA_INSTALL_PACKAGES='))?.slice('ELYRA_INSTALL_PACKAGES='.length);
  const installsOff = release.installPackagesSwitch && switchValue !== undefined && switchValue.toLowerCase() !== 'true';
  if (installsOff) {
    if (groups.length === 0)
      return {
        id: 'elyra-pins',
        status: 'pass',
        title,
        detail: `ELYRA_INSTALL_PACKAGES=${switchValue} is set in the image, and every pin is there at Elyra's version: nodes start without running pip.`,
      };
    return {
      id: 'elyra-pins',
      status: 'warn',
      title,
      detail: `ELYRA_INSTALL_PACKAGES=${switchValue} is set in the image, so nodes install nothing and run with the image's versions, unlike what ${release.label} expects: ${groups.join('; ')}.`,
      fix: 'Install Elyra\'s versions in the image (turn on "Pre-install Elyra\'s packages"), or remove ELYRA_INSTALL_PACKAGES.',
    };
  }
  if (groups.length === 0) {
    const offer =
      release.installPackagesSwitch && pinsSatisfiedExactly(pins)
        ? ` Every pin is there at Elyra's exact version, so ${release.label} can skip its pip step entirely: set ELYRA_INSTALL_PACKAGES=false in the image (ENV ELYRA_INSTALL_PACKAGES=false) for nodes that start faster and work on air-gapped clusters without a package index.`
        : '';
    return {
      id: 'elyra-pins',
      status: 'pass',
      title,
      detail: `Compared with pip freeze the way ${release.label}'s bootstrapper does: nodes start without installing or replacing anything.${kept}${offer}`,
    };
  }
  const what = `${groups.join('; ')}.`;
  const blocked = python.pipInstallBlocked === true || python.pip.exit !== 0;
  if (blocked) {
    return {
      id: 'elyra-pins',
      status: 'fail',
      title,
      detail: `${what} pip cannot install into this Python, so every node would fail.${kept}`,
      fix: ALLOW_SYSTEM_PIP_FIX,
    };
  }
  const downgrades = pins.some((p) => p.state === 'downgraded');
  const fix = downgrades
    ? "Install Elyra's version of the packages it downgrades (turn on \"Pre-install Elyra's packages\" in the recipe, or pin them to Elyra's versions in your list): the newer version does not survive a node start anyway, and each start needs the package index."
    : 'Turn on "Pre-install Elyra\'s packages" in the recipe so nodes start faster and work without access to PyPI.';
  if (input.pinInstallChecked && python.pinDryRun !== undefined && python.pinDryRun.exit !== 0) {
    return {
      id: 'elyra-pins',
      status: 'fail',
      title,
      detail: `${what} pip could not: ${
        python.pinDryRun.lines
          .filter((l) => /ERROR/.test(l))
          .slice(-1)
          .join('') || `exit code ${python.pinDryRun.exit}`
      }.${kept}`,
      fix: 'Turn on "Pre-install Elyra\'s packages" in the recipe, or check the package index the cluster uses.',
    };
  }
  const installable = input.pinInstallChecked ? ' pip checked that they install.' : '';
  return { id: 'elyra-pins', status: 'warn', title, detail: `At run time, in every pipeline node: ${what}${installable}${kept}`, fix };
}

function pipCheckItem(probe: ImageProbe): CheckItem {
  const title = 'pip check: installed packages agree';
  const check = probe.python?.pipCheck;
  if (check === undefined) return { id: 'pip-check', status: 'warn', title, detail: 'Not checked: pip does not work.' };
  if (check.exit === 0) return { id: 'pip-check', status: 'pass', title, detail: 'No broken requirements found.' };
  const problems = check.lines.filter((l) => l.trim() !== '');
  return {
    id: 'pip-check',
    status: 'warn',
    title,
    detail: `pip check found ${problems.length === 1 ? 'a problem' : `${problems.length} problems`}: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? '; …' : ''}`,
    fix: 'Add or pin the packages it names, so every installed package has what it needs.',
  };
}

function workdirItem(probe: ImageProbe): CheckItem {
  const title = 'Working directory is writable';
  if (probe.workdirWritable === null) return { id: 'workdir', status: 'fail', title, detail: 'Not checked: the container did not start.' };
  const where = `${probe.workdir ?? 'the working directory'}${probe.user !== null ? ` (as user ${probe.user})` : ''}`;
  if (probe.workdirWritable) return { id: 'workdir', status: 'pass', title, detail: `Elyra can write its files to ${where}.` };
  return {
    id: 'workdir',
    status: 'fail',
    title,
    detail: `${where} is not writable; Elyra downloads its bootstrapper and writes the notebook's outputs there.`,
    fix: 'Set a WORKDIR the image user owns in the base image, or run as a user who may write there.',
  };
}

function tarItem(probe: ImageProbe): CheckItem {
  const title = 'tar on PATH';
  if (!probe.ran) return { id: 'tar', status: 'fail', title, detail: 'Not checked: the container did not start.' };
  if (probe.tar !== null) return { id: 'tar', status: 'pass', title, detail: `Found ${probe.tar}; Elyra unpacks each node's files with tar -zxvf.` };
  return {
    id: 'tar',
    status: 'fail',
    title,
    detail: "There is no tar on PATH. Elyra's bootstrapper unpacks each node's files with tar -zxvf, so every node would fail.",
    fix: 'Use a base image that has tar (Debian and Ubuntu: the tar package).',
  };
}

function kernelItem(probe: ImageProbe, pins: readonly PinState[]): CheckItem {
  const title = 'A Python kernel for papermill';
  const kernel = probe.python?.kernel;
  if (kernel === undefined) return { id: 'kernel', status: 'warn', title, detail: 'Not checked: python3 did not run.' };
  const specs = Object.keys(kernel.specs);
  // Elyra installs ipykernel and jupyter-client at node start when the pins say so.
  const installedAtStart = (name: string) => pins.some((p) => p.name === name && (p.state === 'missing' || p.state === 'older' || p.state === 'downgraded'));
  if (kernel.ipykernel === null) {
    if (installedAtStart('ipykernel')) {
      return {
        id: 'kernel',
        status: 'warn',
        title,
        detail: 'ipykernel is not installed; Elyra installs it at each node start, which gives papermill its python3 kernel.',
        fix: 'Turn on "Pre-install Elyra\'s packages" in the recipe so the kernel is in the image.',
      };
    }
    return {
      id: 'kernel',
      status: 'fail',
      title,
      detail: `ipykernel is not installed${specs.length > 0 ? ` (kernels found: ${specs.join(', ')})` : ''}, so papermill could not start the notebook's python3 kernel.`,
      fix: "Add ipykernel to the image (Elyra's pins include it).",
    };
  }
  if (kernel.error !== null && !installedAtStart('jupyter-client')) {
    return {
      id: 'kernel',
      status: 'warn',
      title,
      detail: `ipykernel ${kernel.ipykernel} is installed, but jupyter_client could not list kernels: ${kernel.error}.`,
    };
  }
  const found =
    specs.length > 0 ? `kernels: ${specs.map((name) => `${name} (${kernel.specs[name] ?? ''})`).join(', ')}` : 'ipykernel provides the python3 kernel';
  return {
    id: 'kernel',
    status: 'pass',
    title,
    detail: `ipykernel ${kernel.ipykernel}; ${found}. Papermill runs the notebook with its python3 kernel, or another Python one.`,
  };
}

function arbitraryUserItem(probe: ImageProbe): CheckItem {
  const title = 'Runs as an arbitrary user id (OpenShift)';
  const run = probe.arbitraryUser;
  if (run === null || !run.ran)
    return {
      id: 'arbitrary-user',
      status: 'warn',
      title,
      detail: `Not checked: the container did not start as an arbitrary user${run?.startError ? `: ${run.startError}` : '.'}`,
    };
  const where = run.workdir ?? 'the working directory';
  const failing = [...(run.workdirWritable === true ? [] : [where]), ...(run.tmpWritable === true ? [] : ['/tmp'])];
  if (failing.length === 0)
    return { id: 'arbitrary-user', status: 'pass', title, detail: `As user ${run.user ?? '1000720000:0'}, ${where} and /tmp are writable.` };
  return {
    id: 'arbitrary-user',
    status: 'warn',
    title,
    detail: `As user ${run.user ?? '1000720000:0'} (a random uid with group 0, as OpenShift, Open Data Hub and OpenShift AI run pods), ${failing.join(' and ')} ${failing.length === 1 ? 'is' : 'are'} not writable, so Elyra could not download the node's files there.`,
    fix: `Make ${failing.join(' and ')} writable by group 0 in the image (chgrp -R 0 and chmod -R g=u), or run the pipelines on a cluster that keeps the image's user.`,
  };
}

function quoteCommand(parts: readonly string[]): string {
  return JSON.stringify(parts);
}

function entrypointItem(config: ImageConfig): CheckItem {
  const title = 'CMD and ENTRYPOINT';
  const entrypoint = config.entrypoint !== null && config.entrypoint.length > 0 ? config.entrypoint : null;
  const cmd = config.cmd !== null && config.cmd.length > 0 ? config.cmd : null;
  if (entrypoint !== null) {
    return {
      id: 'entrypoint',
      status: 'warn',
      title,
      detail: `The image's ENTRYPOINT ${quoteCommand(entrypoint)}${cmd ? ` and CMD ${quoteCommand(cmd)}` : ''} will not run: Elyra replaces both with its own sh -c command.`,
      fix: 'If the entrypoint sets things up (activates an environment, sets PATH), do that with ENV in the image instead.',
    };
  }
  return {
    id: 'entrypoint',
    status: 'pass',
    title,
    detail: cmd
      ? `The image's CMD ${quoteCommand(cmd)} is replaced at run time by Elyra's sh -c command; that is expected.`
      : 'The image has no CMD or ENTRYPOINT of its own; Elyra supplies the command.',
  };
}

export function worstStatus(items: readonly Pick<CheckItem, 'status'>[]): CheckStatus {
  if (items.some((i) => i.status === 'fail')) return 'fail';
  if (items.some((i) => i.status === 'warn')) return 'warn';
  return 'pass';
}

/** Pure: the probe and the image's configuration as the checklist the user sees. */
export function buildChecklist(input: ChecklistInput): { items: CheckItem[]; pins: PinState[] } {
  const freeze = input.probe.python?.freeze;
  const pins = freeze !== undefined && freeze.exit === 0 ? bootstrapperPinStates(freeze.lines, elyraRelease(input.elyraVersion).pins) : [];
  const items = [
    shItem(input.probe),
    pythonItem(input),
    pipItem(input.probe),
    curlItem(input.probe),
    pipCanInstallItem(input.probe),
    pinsItem(input, pins),
    pipCheckItem(input.probe),
    workdirItem(input.probe),
    tarItem(input.probe),
    kernelItem(input.probe, pins),
    arbitraryUserItem(input.probe),
    entrypointItem(input.config),
  ];
  return { items, pins };
}
