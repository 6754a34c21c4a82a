// The machine line of the report: figures mean little without the machine they were measured on.
import { readFile } from 'node:fs/promises';
import { cpus, release, totalmem } from 'node:os';
import type Dockerode from 'dockerode';
import { runCli } from './docker-cli';

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryBytes: number;
  kernel: string;
  engine: string;
  storageDriver: string;
  cli: string;
  node: string;
}

async function cpuModel(): Promise<string> {
  const info = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(info)?.[1]?.trim();
  return model ?? cpus()[0]?.model ?? 'unknown CPU';
}

export async function describeMachine(docker: Dockerode): Promise<Machine> {
  const [version, info, model, cli] = await Promise.all([
    docker.version(),
    docker.info() as Promise<{ Driver?: string }>,
    cpuModel(),
    runCli(['version', '--format', '{{.Client.Version}}'], process.env),
  ]);
  return {
    cores: cpus().length,
    cpuModel: model,
    memoryBytes: totalmem(),
    kernel: `Linux ${release()}`,
    engine: `Docker Engine ${version.Version} (API ${version.ApiVersion})`,
    storageDriver: info.Driver ?? 'unknown',
    cli: `docker CLI ${cli.stdout.trim() || 'unknown'}`,
    node: `Node ${process.version}`,
  };
}

/** The machine, the test engine (DOCKER_HOST) and, when given, each engine of the matrix with its CLI. */
export function machineLine(machine: Machine, browser: string | null, engines: readonly string[] = []): string {
  const memory = `${(machine.memoryBytes / 1024 ** 3).toFixed(1)} GiB RAM`;
  const parts = [
    `${machine.cores} cores (${machine.cpuModel})`,
    memory,
    machine.kernel,
    `test engine ${machine.engine}, storage driver ${machine.storageDriver}`,
    machine.cli,
    machine.node,
  ];
  if (browser !== null) parts.push(browser);
  const matrix = engines.length > 0 ? `\n\nEngines: ${engines.join('; ')}` : '';
  return `Machine: ${parts.join(', ')}${matrix}`;
}
