import type Dockerode from 'dockerode';
import { z } from 'zod';
import type { ElyraPin } from '../../contract/domain/elyra';
import { DistributionNode } from '../../contract/domain/layers';
import type { VerifyNetwork } from '../../contract/domain/verify';
import { ARBITRARY_USER, ARBITRARY_USER_SHELL, PROBE_DRY_RUN_ENV, PROBE_PINS_ENV, PROBE_PYTHON, PROBE_PYTHON_ENV, PROBE_SHELL } from './probe-script';
import { runOnce } from './run-once';

const PipRun = z.object({ exit: z.number().int(), lines: z.array(z.string()) });

/** What the Python part of the probe prints. The image is not ours to trust: parsed, not cast. */
export const PythonProbe = z.object({
  version: z.string(),
  executable: z.string(),
  inVenv: z.boolean(),
  markerPath: z.string(),
  externallyManaged: z.boolean(),
  breakSystemPackages: z.string(),
  pip: PipRun,
  pipInstallBlocked: z.boolean().optional(),
  pipInstallLines: z.array(z.string()).optional(),
  pipCheck: PipRun.optional(),
  metadata: z.boolean(),
  pins: z.record(z.string(), z.string().nullable()),
  distributionCount: z.number().int().nonnegative(),
  distributions: z.array(z.object({ name: z.string(), version: z.string(), sizeBytes: z.number().int().nonnegative() })),
  /** Every distribution with what it needs (absent from older probes). */
  graph: z.array(DistributionNode).optional(),
  /** Every installed distribution as `name==version`. */
  installed: z.array(z.string()).default([]),
  pinDryRun: PipRun.optional(),
  /** `python3 -m pip freeze`'s stdout, as Elyra's bootstrapper reads it at node start. */
  /** The kernels jupyter_client finds, and whether ipykernel imports (absent from older probes). */
  kernel: z.object({ specs: z.record(z.string(), z.string()), error: z.string().nullable(), ipykernel: z.string().nullable() }).optional(),
  freeze: PipRun.extend({ error: z.string().optional() }).optional(),
});
export type PythonProbe = z.infer<typeof PythonProbe>;

export interface ImageProbe {
  /** False when `sh -c` never ran (no sh in the image, the container would not start). */
  ran: boolean;
  startError: string | null;
  sh: string | null;
  curl: string | null;
  tar: string | null;
  python3: string | null;
  workdir: string | null;
  workdirWritable: boolean | null;
  user: string | null;
  python: PythonProbe | null;
  /** Why `python` is null although python3 is there: its own error output. */
  pythonError: string | null;
  /** The same image run as an arbitrary non-root uid with group 0; null when not run. */
  arbitraryUser: ArbitraryUserProbe | null;
}

export interface ArbitraryUserProbe {
  ran: boolean;
  startError: string | null;
  user: string | null;
  workdir: string | null;
  workdirWritable: boolean | null;
  tmpWritable: boolean | null;
}

/** Pure: the arbitrary-user check's output as data. */
export function parseArbitraryUserOutput(result: { stdout: string; startError: string | null }): ArbitraryUserProbe {
  const values = lineValues(result.stdout);
  const flag = (key: string): boolean | null => (values.has(key) ? values.get(key) === 'yes' : null);
  return {
    ran: values.has('begin'),
    startError: result.startError,
    user: values.get('user') || null,
    workdir: values.get('workdir') || null,
    workdirWritable: flag('workdir-writable'),
    tmpWritable: flag('tmp-writable'),
  };
}

function lineValues(stdout: string): Map<string, string> {
  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^rib:([a-z0-9-]+)=(.*)$/.exec(line.replace(/\r$/, ''));
    if (match) values.set(match[1] ?? '', match[2] ?? '');
    else if (line === 'rib:begin' || line === 'rib:end') values.set(line.slice(4), '');
  }
  return values;
}

/** Pure: the probe's output as data. */
export function parseProbeOutput(result: { stdout: string; stderr: string; startError: string | null }): ImageProbe {
  const values = lineValues(result.stdout);
  const text = (key: string): string | null => {
    const value = values.get(key);
    return value === undefined || value === '' ? null : value;
  };
  let python: PythonProbe | null = null;
  let pythonError: string | null = null;
  const raw = values.get('python');
  if (raw !== undefined) {
    try {
      const parsed = PythonProbe.safeParse(JSON.parse(raw));
      if (parsed.success) python = parsed.data;
      else pythonError = `unexpected probe output: ${parsed.error.message}`;
    } catch (error) {
      pythonError = `unreadable probe output: ${String(error)}`;
    }
  } else if (text('python3') !== null) {
    pythonError = result.stderr.trim().split('\n').slice(-5).join('\n') || `python3 exited with ${values.get('python-exit') ?? 'an error'}`;
  }
  const writable = values.get('workdir-writable');
  return {
    ran: values.has('begin'),
    startError: result.startError,
    sh: text('sh'),
    curl: text('curl'),
    tar: text('tar'),
    python3: text('python3'),
    workdir: text('workdir'),
    workdirWritable: writable === undefined ? null : writable === 'yes',
    user: text('user'),
    python,
    pythonError,
    arbitraryUser: null,
  };
}

export interface ProbeImageOptions {
  docker: Dockerode;
  image: string;
  pins: readonly ElyraPin[];
  /** none by default: nothing in the image is trusted to reach out. */
  network?: VerifyNetwork;
  /** With a network: ask pip whether the missing pins would install, with these extra variables (PIP_INDEX_URL…). */
  pinInstallCheck?: { env: Readonly<Record<string, string>> };
  timeoutMs?: number;
  signal?: AbortSignal;
}

/** Runs the probe once in the image (see probe-script.ts); the container is always removed. */
export async function probeImage(options: ProbeImageOptions): Promise<ImageProbe> {
  const env = [
    `${PROBE_PYTHON_ENV}=${PROBE_PYTHON}`,
    `${PROBE_PINS_ENV}=${JSON.stringify(options.pins.map((p) => ({ name: p.name, version: p.version })))}`,
    ...(options.pinInstallCheck ? [`${PROBE_DRY_RUN_ENV}=1`, ...Object.entries(options.pinInstallCheck.env).map(([key, value]) => `${key}=${value}`)] : []),
  ];
  const result = await runOnce({
    docker: options.docker,
    image: options.image,
    script: PROBE_SHELL,
    env,
    network: options.network ?? 'none',
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const probe = parseProbeOutput(result);
  if (!probe.ran) return probe;
  const asUser = await runOnce({
    docker: options.docker,
    image: options.image,
    script: ARBITRARY_USER_SHELL,
    user: ARBITRARY_USER,
    network: 'none',
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return { ...probe, arbitraryUser: parseArbitraryUserOutput(asUser) };
}
