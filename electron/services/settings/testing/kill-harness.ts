import { spawn } from 'node:child_process';

// Runs a writer in a child process and kills it with SIGKILL in the middle of a write, to test that
// what is on disk afterwards is always whole. The child prints `w <seq> <bytes>` before each write
// and `d <seq>` after it (with fs.writeSync(1, …): pipes are synchronous on Linux and macOS, so the
// parent sees each line before the write it announces). The harness times the first write, then
// strikes at a random moment within the following one.

export interface KillOutcome {
  /** Last document the child reported complete; -1 if none. */
  lastDone: number;
  /** Document being written when the kill came, or null if the kill fell between writes. */
  inFlight: number | null;
  /** Size of every document the child started to write. */
  bytesStarted: number[];
}

export interface KillOptions {
  /** Node arguments and script arguments, e.g. ['--import', 'tsx', script, file]. */
  args: string[];
  cwd: string;
  /** Kill anyway after this long, so a writer that never writes cannot hang the test. */
  backstopMs?: number;
}

export function parseWriterOutput(output: string): KillOutcome {
  let lastDone = -1;
  let inFlight: number | null = null;
  const bytesStarted: number[] = [];
  for (const line of output.split('\n')) {
    const [tag, seq, size] = line.split(' ');
    if (tag === 'w' && size !== undefined) {
      inFlight = Number(seq);
      bytesStarted.push(Number(size));
    } else if (tag === 'd') {
      lastDone = Number(seq);
      inFlight = null;
    }
  }
  return { lastDone, inFlight, bytesStarted };
}

export async function runWriterAndKill(options: KillOptions): Promise<KillOutcome> {
  const child = spawn(process.execPath, options.args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  let firstWriteStarted = 0;
  let writeMs = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const backstop = setTimeout(() => child.kill('SIGKILL'), options.backstopMs ?? 20_000);
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    output += chunk;
    const lines = output.split('\n');
    if (firstWriteStarted === 0 && lines.some((line) => line.startsWith('w '))) firstWriteStarted = performance.now();
    if (writeMs === 0 && lines.some((line) => line.startsWith('d '))) writeMs = Math.max(performance.now() - firstWriteStarted, 1);
    const writesStarted = lines.filter((line) => line.startsWith('w ')).length;
    if (killTimer === undefined && writeMs > 0 && writesStarted >= 2) {
      killTimer = setTimeout(() => child.kill('SIGKILL'), Math.random() * writeMs * 1.2);
    }
  });
  await exited;
  clearTimeout(killTimer);
  clearTimeout(backstop);
  return parseWriterOutput(output);
}
