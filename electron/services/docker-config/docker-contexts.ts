import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { type DockerConfigFile, type DockerConfigLocation, type DockerConfigProblem, readDockerConfig } from './docker-config-file';
import { type FileAccess, errorCode, errorMessage } from './file-access';

/** "default" is not stored anywhere: it means DOCKER_HOST or the platform's default socket. */
export const DEFAULT_CONTEXT = 'default';

export interface ContextChoice {
  name: string;
  /** Why this one: DOCKER_CONTEXT wins over config.json's currentContext, as in the docker CLI. */
  from: 'DOCKER_CONTEXT' | 'config' | 'default';
}

export function currentContextName(config: DockerConfigFile, env: Readonly<Record<string, string | undefined>>): ContextChoice {
  const fromEnv = env.DOCKER_CONTEXT;
  if (fromEnv !== undefined && fromEnv !== '') return { name: fromEnv, from: 'DOCKER_CONTEXT' };
  if (config.currentContext !== null) return { name: config.currentContext, from: 'config' };
  return { name: DEFAULT_CONTEXT, from: 'default' };
}

/** The docker CLI names a context's directories by the SHA-256 of its name. */
export function contextStoreId(name: string): string {
  return createHash('sha256').update(name, 'utf8').digest('hex');
}

export function contextPaths(configDir: string, name: string): { metaFile: string; tlsDir: string } {
  const id = contextStoreId(name);
  return {
    metaFile: join(configDir, 'contexts', 'meta', id, 'meta.json'),
    tlsDir: join(configDir, 'contexts', 'tls', id, 'docker'),
  };
}

export interface DockerContextEndpoint {
  name: string;
  /** Endpoints.docker.Host, e.g. "tcp://10.0.0.5:2376" or "ssh://me@box". */
  host: string;
  skipTlsVerify: boolean;
  /** Paths of the files present in the context's TLS store (`docker context create --docker ca=…`). */
  tls: { ca: string | null; cert: string | null; key: string | null };
  metaFile: string;
}

export type DockerContextRead = { ok: true; context: DockerContextEndpoint } | { ok: false; problem: DockerConfigProblem };

const ContextMeta = z.object({
  Name: z.string().optional(),
  Endpoints: z.object({
    docker: z.object({
      Host: z.string().min(1),
      SkipTLSVerify: z.boolean().optional(),
    }),
  }),
});

export async function readDockerContext({ configDir, name, files }: { configDir: string; name: string; files: FileAccess }): Promise<DockerContextRead> {
  const { metaFile, tlsDir } = contextPaths(configDir, name);
  let text: string;
  try {
    text = await files.readText(metaFile);
  } catch (error) {
    const code = errorCode(error);
    const missing = code === 'ENOENT' || code === 'ENOTDIR';
    return {
      ok: false,
      problem: {
        file: metaFile,
        kind: missing ? 'missing' : 'unreadable',
        detail: missing ? `context "${name}" is selected but does not exist` : errorMessage(error),
      },
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: { file: metaFile, kind: 'corrupt', detail: errorMessage(error) } };
  }
  const meta = ContextMeta.safeParse(raw);
  if (!meta.success) {
    return {
      ok: false,
      problem: { file: metaFile, kind: 'invalid-field', detail: 'no Endpoints.docker.Host in the context' },
    };
  }
  const present = async (file: string): Promise<string | null> => {
    const path = join(tlsDir, file);
    return (await files.exists(path)) ? path : null;
  };
  const [ca, cert, key] = await Promise.all([present('ca.pem'), present('cert.pem'), present('key.pem')]);
  return {
    ok: true,
    context: {
      name,
      host: meta.data.Endpoints.docker.Host,
      skipTlsVerify: meta.data.Endpoints.docker.SkipTLSVerify ?? false,
      tls: { ca, cert, key },
      metaFile,
    },
  };
}

export interface CurrentContextRead {
  configDir: string;
  choice: ContextChoice;
  /** Null for the "default" context, or when the selected one could not be read (see problems). */
  context: DockerContextEndpoint | null;
  config: DockerConfigFile;
  problems: DockerConfigProblem[];
}

/** config.json + DOCKER_CONTEXT + the context's meta and TLS store, in one tolerant read. */
export async function readCurrentContext(location: DockerConfigLocation & { files: FileAccess }): Promise<CurrentContextRead> {
  const read = await readDockerConfig(location);
  const choice = currentContextName(read.config, location.env);
  const base = { configDir: read.dir, choice, config: read.config };
  if (choice.name === DEFAULT_CONTEXT) return { ...base, context: null, problems: read.problems };
  const context = await readDockerContext({ configDir: read.dir, name: choice.name, files: location.files });
  return context.ok
    ? { ...base, context: context.context, problems: read.problems }
    : { ...base, context: null, problems: [...read.problems, context.problem] };
}
