// The `docker` CLI as the benchmarks' reference: a user's terminal, on the same engine.
import { execFile } from 'node:child_process';

export interface CliRun {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a program to its end; never rejects (a failure is its exit code and stderr). */
export function runProgram(program: string, args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = execFile(program, args, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ stdout, stderr: error !== null && stderr === '' ? error.message : stderr, code });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

export function runCli(args: string[], env: NodeJS.ProcessEnv, input?: string): Promise<CliRun> {
  return runProgram('docker', args, env, input);
}

/** Runs the CLI and throws with its stderr when it fails; resolves with the wall time in ms. */
export async function timeCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const started = performance.now();
  const result = await runCli(args, env);
  const elapsed = performance.now() - started;
  if (result.code !== 0) throw new Error(`docker ${args[0] ?? ''} failed (${result.code}): ${result.stderr.slice(-2000)}`);
  return elapsed;
}
