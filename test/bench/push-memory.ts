// Peak memory of the services during a 500 MB push: the app-side push (push-memory-child.ts) runs
// in a Node process of its own, and its peak resident set is read from the kernel: /usr/bin/time -v
// (getrusage's ru_maxrss) when installed, else VmHWM polled from /proc/<pid>/status. The same
// child in 'idle' mode (modules loaded, engine asked once, no push) gives the baseline: Node, tsx
// and the modules, which the push itself does not cause.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type Dockerode from 'dockerode';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { removeImages } from './engine';
import type { RegistrySession } from './registry-session';

export interface PushMemoryResult {
  peakBytes: number;
  baselineBytes: number;
  method: string;
  pushedBytes: number;
  layersPushed: number;
  pushMs: number;
}

interface ChildRun {
  peakBytes: number;
  output: Record<string, unknown>;
}

const child = fileURLToPath(new URL('./push-memory-child.ts', import.meta.url));
const repo = fileURLToPath(new URL('../..', import.meta.url));
const TIME = '/usr/bin/time';

async function vmHwm(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = status === null ? null : /^VmHWM:\s+(\d+) kB$/m.exec(status);
  return match?.[1] ? Number(match[1]) * 1024 : null;
}

function runChild(input: Record<string, unknown>): Promise<ChildRun> {
  const useTime = existsSync(TIME);
  const node = [process.execPath, '--import', 'tsx', child];
  const [command, ...args] = useTime ? [TIME, '-v', ...node] : node;
  return new Promise((resolve, reject) => {
    const proc = spawn(command ?? TIME, args, { cwd: repo, env: { ...process.env, RIB_BENCH_PUSH: JSON.stringify(input) }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polled = 0;
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Without time(1): VmHWM is the peak so far, so the last reading before exit is (nearly) the peak.
    const poller = useTime
      ? null
      : setInterval(() => {
          if (proc.pid !== undefined) void vmHwm(proc.pid).then((bytes) => (polled = Math.max(polled, bytes ?? 0)));
        }, 20);
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (poller) clearInterval(poller);
      if (code !== 0) {
        reject(new Error(`the push child exited ${code}: ${stderr.slice(-2000)}`));
        return;
      }
      const max = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
      const peakBytes = useTime ? Number(max?.[1] ?? 0) * 1024 : polled;
      const last = stdout.trim().split('\n').at(-1) ?? '{}';
      resolve({ peakBytes, output: JSON.parse(last) as Record<string, unknown> });
    });
  });
}

export async function benchPushMemory(options: { docker: Dockerode; session: RegistrySession; base: string; layerBytes: number[] }): Promise<PushMemoryResult> {
  const { docker, session } = options;
  const image = 'rib-bench/push-memory:1';
  const reference = `${session.host}/bench/memory:1`;
  try {
    await buildRandomImage(docker, { tag: image, base: options.base, layerBytes: options.layerBytes });
    const credentials = { username: session.auth.username, password: session.auth.secret };
    const idle = await runChild({ mode: 'idle', image, reference, ...credentials });
    const push = await runChild({ mode: 'push', image, reference, ...credentials });
    const number = (key: string): number => (typeof push.output[key] === 'number' ? (push.output[key] as number) : 0);
    return {
      peakBytes: push.peakBytes,
      baselineBytes: idle.peakBytes,
      method: existsSync(TIME) ? '/usr/bin/time -v (max RSS)' : '/proc/<pid>/status VmHWM, polled',
      pushedBytes: number('bytesSent'),
      layersPushed: number('layersPushed'),
      pushMs: number('ms'),
    };
  } finally {
    await removeImages(docker, [image, reference]);
  }
}
