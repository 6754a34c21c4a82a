import type Dockerode from 'dockerode';
import { type ElyraVersion, PythonVersion } from '../../contract/domain/elyra';
import { AppError } from '../../contract/errors';
import { elyraRelease, isPythonEndOfLife, PYTHON_EOL } from '../elyra-data';
import { runOnce } from './run-once';

/** What a base image has for a build to work on it: python3, its pip, and which Python. */
export interface BaseFacts {
  python: string | null;
  pip: boolean;
}

const SCRIPT = [
  'if ! command -v python3 >/dev/null 2>&1; then echo "rib:python=none"; exit 0; fi',
  `python3 -c 'import sys; print("rib:python=%d.%d" % sys.version_info[:2])'`,
  'if python3 -m pip --version >/dev/null 2>&1; then echo "rib:pip=yes"; else echo "rib:pip=no"; fi',
].join('\n');

export function parseBaseFacts(stdout: string): BaseFacts | null {
  const values = new Map(
    stdout
      .split('\n')
      .filter((line) => line.startsWith('rib:'))
      .map((line) => {
        const [key = '', value = ''] = line.slice(4).split('=');
        return [key, value.trim()] as const;
      }),
  );
  const python = values.get('python');
  if (python === undefined) return null;
  return { python: python === 'none' ? null : python, pip: values.get('pip') === 'yes' };
}

function minor(version: string): number {
  const [major = 0, minorPart = 0] = version.split('.').map(Number);
  return major * 100 + minorPart;
}

/**
 * Why a custom base cannot make a runtime image for this Elyra, or null when it can. The same rules
 * the plan applies to the Python it offers: Elyra's bootstrapper stops on a Python outside its range,
 * and an end-of-life Python gets no security fixes.
 */
export function baseRefusal(image: string, facts: BaseFacts, elyraVersion: ElyraVersion, today: Date): string | null {
  const release = elyraRelease(elyraVersion);
  if (facts.python === null) {
    return `${image} has no python3. Elyra runs every pipeline node with python3, and your packages are installed with its pip: pick a base with Python, such as python:${release.python.max}-slim.`;
  }
  if (minor(facts.python) < minor(release.python.min) || minor(facts.python) > minor(release.python.max)) {
    return `${image} has Python ${facts.python}; ${release.label} runs Python ${release.python.min} to ${release.python.max}, and its bootstrapper stops on any other.`;
  }
  const known = PythonVersion.safeParse(facts.python);
  if (known.success && isPythonEndOfLife(known.data, today)) {
    const eol = PYTHON_EOL.find((e) => e.version === known.data)?.endOfLife ?? 'the past';
    return `${image} has Python ${facts.python}, which stopped getting security fixes in ${eol}: pick a base with a newer Python.`;
  }
  if (!facts.pip) {
    return `${image} has Python ${facts.python} but no pip, which the build installs your packages with and Elyra's bootstrapper needs: pick a base with pip, or install it in that base (python3-pip, or python3 -m ensurepip).`;
  }
  return null;
}

/**
 * Looks inside a custom base before the build (one short container), so a base that cannot work is
 * named at once instead of after a failed pip step. A base not on the engine yet is left to the
 * build, which pulls it; one that will not start is left to the build too, which says why.
 */
export async function checkCustomBase(options: {
  docker: Dockerode;
  image: string;
  elyraVersion: ElyraVersion;
  today: Date;
  signal?: AbortSignal;
}): Promise<void> {
  const present = await options.docker
    .getImage(options.image)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (!present) return;
  const run = await runOnce({
    docker: options.docker,
    image: options.image,
    script: SCRIPT,
    timeoutMs: 30_000,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const facts = run.exitCode === 0 ? parseBaseFacts(run.stdout) : null;
  if (facts === null) return;
  const refusal = baseRefusal(options.image, facts, options.elyraVersion, options.today);
  if (refusal !== null) throw new AppError('build-base-image', refusal);
}
