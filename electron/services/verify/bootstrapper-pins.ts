import { compare, valid } from '@renovatebot/pep440';
import type { PinAction, PinState } from '../../contract/domain/verify';

/**
 * Elyra's bootstrapper (the same at v3.15.0, v4.0.0, v4.1.0, v4.1.1 and main) writes
 * `python3 -m pip freeze` to a file at each node start and reads it into name → version: lines
 * starting with `#` are skipped; `name @ url`, `name===v` and `name==v` are split on the first of
 * those found; `-e …` lines count with no version; anything else is ignored. The name is kept
 * exactly as pip printed it. This reads freeze output the same way.
 */
export function readFreeze(lines: readonly string[]): Map<string, string | null> {
  const packages = new Map<string, string | null>();
  for (const line of lines) {
    if (line === '' || line.startsWith('#')) continue;
    const split = (separator: string): void => {
      const [name = '', version = ''] = line.split(separator);
      packages.set(name, version);
    };
    if (line.includes(' @ ')) split(' @ ');
    else if (line.includes('===')) split('===');
    else if (line.includes('==')) split('==');
    else if (line.startsWith('-e ') || line.startsWith('--editable ')) {
      let name = line.replaceAll('-e ', '').replaceAll('--editable ', '');
      if (name.includes('#egg=')) name = name.split('=').at(-1) ?? name;
      else if (name.includes('/')) name = name.split('/').at(-1) ?? name;
      packages.set(name, null);
    }
  }
  return packages;
}

/** PEP 503's normal form, to find a pin under another spelling (pip's own lookup, not Elyra's). */
function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

function state(name: string, pin: string, installed: string | null, freezeName: string | null, action: PinAction, reason: string): PinState {
  return { name, pin, installed, freezeName, state: action, reason };
}

/** Where the bootstrapper's exact comparison differs from pip's: the freeze spelling. */
function spelling(freezeName: string, pinName: string): string {
  return `pip freeze spells it ${freezeName}, Elyra's list ${pinName}, and the bootstrapper compares names exactly`;
}

/**
 * What the bootstrapper does with each pin, given the image's `pip freeze`: the same lookup by
 * the exact name and the same PEP 440 comparison. Under another spelling a package counts as
 * missing, so `pip install name==pin` runs: it replaces a newer one (a downgrade at every node
 * start), upgrades an older one, and finds an equal one already there.
 */
export function bootstrapperPinStates(freezeLines: readonly string[], pins: readonly { name: string; version: string }[]): PinState[] {
  const current = readFreeze(freezeLines);
  const byNormalName = new Map<string, string>();
  for (const name of current.keys()) byNormalName.set(normalizePackageName(name), name);
  return pins.map(({ name, version: pin }) => {
    if (current.has(name)) {
      const installed = current.get(name) ?? null;
      if (installed === null)
        return state(name, pin, null, name, 'unchecked', `${name} is installed as an editable package; Elyra keeps it without comparing it with ${pin}.`);
      if (valid(installed) === null)
        return state(
          name,
          pin,
          installed,
          name,
          'unchecked',
          `${name} is installed from ${installed}, not a release version; Elyra keeps it without comparing it with ${pin}.`,
        );
      const order = compare(installed, pin);
      if (order === 0) return state(name, pin, installed, name, 'ok', `${name} ${installed} is Elyra's pin: nothing is installed at node start.`);
      if (order > 0)
        return state(
          name,
          pin,
          installed,
          name,
          'newer-kept',
          `${name} ${installed} is newer than the pin ${pin}, spelled as in Elyra's list: Elyra keeps it (it was tested with ${pin}).`,
        );
      return state(name, pin, installed, name, 'older', `${name} ${installed} is older than the pin: upgraded to ${pin} at each node start.`);
    }
    const freezeName = byNormalName.get(normalizePackageName(name)) ?? null;
    if (freezeName === null) return state(name, pin, null, null, 'missing', `${name} is not installed: installed at ${pin} at each node start.`);
    const installed = current.get(freezeName) ?? null;
    const why = spelling(freezeName, name);
    if (installed === null || valid(installed) === null) {
      return state(
        name,
        pin,
        installed,
        freezeName,
        'downgraded',
        `${freezeName} ${installed ?? '(editable)'} is replaced by ${name}==${pin} at each node start: ${why}.`,
      );
    }
    const order = compare(installed, pin);
    if (order === 0)
      return state(
        name,
        pin,
        installed,
        freezeName,
        'respelled',
        `${freezeName} ${installed} is Elyra's pin, but ${why}: pip install ${name}==${pin} runs at each node start and finds it there (no download).`,
      );
    if (order > 0)
      return state(
        name,
        pin,
        installed,
        freezeName,
        'downgraded',
        `${freezeName} ${installed} is DOWNGRADED to ${pin} at each node start: ${why}, so it counts as missing and pip install ${name}==${pin} replaces it.`,
      );
    return state(
      name,
      pin,
      installed,
      freezeName,
      'older',
      `${freezeName} ${installed} is older than the pin: upgraded to ${pin} at each node start (${why}).`,
    );
  });
}

/** Nothing is downloaded or replaced at node start: every pin is there at its exact version. */
export function pinsSatisfiedExactly(pins: readonly PinState[]): boolean {
  return pins.length > 0 && pins.every((p) => p.state === 'ok' || p.state === 'respelled');
}
