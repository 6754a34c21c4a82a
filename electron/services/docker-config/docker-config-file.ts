import { join } from 'node:path';
import { z } from 'zod';
import { isPlainObject } from '../shared/plain-object';
import { type FileAccess, errorCode, errorMessage } from './file-access';

/** One `auths` entry as `docker login` writes it; secrets stay in main, never in IPC types. */
const AuthEntry = z.object({
  auth: z.string().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  identitytoken: z.string().optional(),
  registrytoken: z.string().optional(),
  email: z.string().optional(),
});
export type DockerAuthEntry = z.infer<typeof AuthEntry>;

/** The parts of ~/.docker/config.json we use: engine selection now, credentials later. */
export interface DockerConfigFile {
  currentContext: string | null;
  credsStore: string | null;
  /** registry host → helper name (`docker-credential-<name>`). */
  credHelpers: Record<string, string>;
  auths: Record<string, DockerAuthEntry>;
}

export interface DockerConfigProblem {
  file: string;
  kind: 'missing' | 'unreadable' | 'corrupt' | 'invalid-field';
  detail: string;
}

export interface DockerConfigRead {
  /** The config directory: $DOCKER_CONFIG or ~/.docker. Contexts live under it too. */
  dir: string;
  file: string;
  /** False when config.json does not exist, which is normal on a fresh machine. */
  found: boolean;
  config: DockerConfigFile;
  problems: DockerConfigProblem[];
}

export interface DockerConfigLocation {
  env: Readonly<Record<string, string | undefined>>;
  homedir: string;
}

export function dockerConfigDir({ env, homedir }: DockerConfigLocation): string {
  const fromEnv = env.DOCKER_CONFIG;
  return fromEnv !== undefined && fromEnv !== '' ? fromEnv : join(homedir, '.docker');
}

export const emptyDockerConfig: DockerConfigFile = Object.freeze({
  currentContext: null,
  credsStore: null,
  credHelpers: {},
  auths: {},
});

/** Never throws: a missing or broken file yields the empty config plus a problem to show. */
export async function readDockerConfig(location: DockerConfigLocation & { files: FileAccess }): Promise<DockerConfigRead> {
  const dir = dockerConfigDir(location);
  const file = join(dir, 'config.json');
  const base = { dir, file };
  let text: string;
  try {
    text = await location.files.readText(file);
  } catch (error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return { ...base, found: false, config: { ...emptyDockerConfig }, problems: [] };
    }
    return {
      ...base,
      found: true,
      config: { ...emptyDockerConfig },
      problems: [{ file, kind: 'unreadable', detail: errorMessage(error) }],
    };
  }
  const { config, problems } = parseDockerConfig(text, file);
  return { ...base, found: true, config, problems };
}

/** Field by field, so one bad entry (say a hand-edited credHelpers) does not hide the rest. */
export function parseDockerConfig(text: string, file: string): { config: DockerConfigFile; problems: DockerConfigProblem[] } {
  const problems: DockerConfigProblem[] = [];
  let raw: unknown;
  try {
    // Docker writes an empty file in some failure modes; the CLI treats that as "no config".
    raw = text.trim() === '' ? {} : JSON.parse(text);
  } catch (error) {
    return {
      config: { ...emptyDockerConfig },
      problems: [{ file, kind: 'corrupt', detail: errorMessage(error) }],
    };
  }
  if (!isPlainObject(raw)) {
    return {
      config: { ...emptyDockerConfig },
      problems: [{ file, kind: 'corrupt', detail: 'the file is not a JSON object' }],
    };
  }
  const record = raw;
  const invalid = (field: string, expected: string): void => {
    problems.push({ file, kind: 'invalid-field', detail: `"${field}" should be ${expected}` });
  };

  const optionalString = (field: string): string | null => {
    const value = record[field];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value === 'string') return value;
    invalid(field, 'a string');
    return null;
  };

  const credHelpers: Record<string, string> = {};
  const helpers = record.credHelpers;
  if (isPlainObject(helpers)) {
    for (const [host, helper] of Object.entries(helpers)) {
      if (typeof helper === 'string' && helper !== '') credHelpers[host] = helper;
      else invalid(`credHelpers.${host}`, 'a helper name');
    }
  } else if (helpers !== undefined && helpers !== null) {
    invalid('credHelpers', 'an object');
  }

  const auths: Record<string, DockerAuthEntry> = {};
  const authsRaw = record.auths;
  if (isPlainObject(authsRaw)) {
    for (const [host, entry] of Object.entries(authsRaw)) {
      const parsed = AuthEntry.safeParse(entry);
      if (parsed.success) auths[host] = parsed.data;
      else invalid(`auths.${host}`, 'an object of strings');
    }
  } else if (authsRaw !== undefined && authsRaw !== null) {
    invalid('auths', 'an object');
  }

  return {
    config: {
      currentContext: optionalString('currentContext'),
      credsStore: optionalString('credsStore'),
      credHelpers,
      auths,
    },
    problems,
  };
}
