import type { DockerLoginOffer, DockerLoginSource, RegistryAddress } from '../../contract/domain/registry';
import { AppError } from '../../contract/errors';
import type { DockerAuthEntry, DockerConfigFile } from '../docker-config/docker-config-file';
import type { RegistryCredentials } from '../registry/registry-auth';
import { parseRegistryAddress } from '../registry/registry-address';
import { isPlainObject } from '../shared/plain-object';
import type { RunCredentialHelper } from './credential-helper';

// Reuses the login the user already has from `docker login` or Docker Desktop, looked up the way
// the docker CLI does (cli/config/configfile): credHelpers[<server address>], then credsStore, then
// auths[<server address>] in config.json. Read only: the app never writes or erases Docker's
// own credentials, so "log out" in the app leaves `docker login` untouched.

/** Docker's name for an identity-token login. */
export const IDENTITY_TOKEN_USERNAME = '<token>';

export interface DockerCredential extends RegistryCredentials {
  registry: RegistryAddress;
  source: DockerLoginSource;
}

export interface DockerCredentialDeps {
  config: DockerConfigFile;
  runHelper: RunCredentialHelper;
}

/** Docker's login for one registry, or null when Docker has none. Rejects only when a helper fails. */
export async function dockerCredentialFor(registry: RegistryAddress, deps: DockerCredentialDeps): Promise<DockerCredential | null> {
  const source = sourceFor(registry, deps.config);
  if (source.kind === 'config-file') {
    const entry = authEntryFor(registry, deps.config);
    const credentials = entry === null ? null : credentialsFromAuthEntry(entry);
    return credentials === null ? null : { ...credentials, registry, source };
  }
  const out = await deps.runHelper(source.helper, 'get', registry.serverAddress);
  if (out === null) return null;
  const credentials = credentialsFromHelperOutput(out, source.helper);
  return credentials === null ? null : { ...credentials, registry, source };
}

/** "Use your Docker login as alice on Docker Hub?" for every registry Docker has a login for. No secrets. */
export async function offerDockerLogins(deps: DockerCredentialDeps): Promise<DockerLoginOffer[]> {
  const { config } = deps;
  const listed = new Map<string, Promise<Record<string, string>>>();
  const listOf = (helper: string): Promise<Record<string, string>> => {
    let list = listed.get(helper);
    if (list === undefined) {
      list = deps.runHelper(helper, 'list', '').then(parseList, () => ({}));
      listed.set(helper, list);
    }
    return list;
  };

  const keys = new Set([...Object.keys(config.credHelpers), ...Object.keys(config.auths)]);
  if (config.credsStore !== null) for (const key of Object.keys(await listOf(config.credsStore))) keys.add(key);

  const registries = new Map<string, RegistryAddress>();
  for (const key of keys) {
    const parsed = parseRegistryAddress(key);
    if (parsed.ok && !registries.has(parsed.address.serverAddress)) registries.set(parsed.address.serverAddress, parsed.address);
  }

  const offers: DockerLoginOffer[] = [];
  for (const registry of registries.values()) {
    const source = sourceFor(registry, config);
    let username: string | null = null;
    if (source.kind === 'config-file') {
      const entry = authEntryFor(registry, config);
      username = entry === null ? null : (credentialsFromAuthEntry(entry)?.username ?? null);
    } else {
      const list = await listOf(source.helper);
      username = list[registry.serverAddress] ?? list[registry.host] ?? list[`https://${registry.host}`] ?? null;
      if (username === null) {
        // Not every helper implements `list` (ecr-login, for one); `get` tells the username too.
        const credential = await dockerCredentialFor(registry, deps).catch(() => null);
        username = credential?.username ?? null;
      }
    }
    if (username === null || username === '') continue;
    offers.push({ registry, username, source, question: offerQuestion(registry, username) });
  }
  return offers.sort((a, b) => rank(a.registry) - rank(b.registry) || a.registry.host.localeCompare(b.registry.host));
}

export function offerQuestion(registry: RegistryAddress, username: string): string {
  const who = username === IDENTITY_TOKEN_USERNAME ? 'with an access token' : `as ${username}`;
  return `Use your Docker login ${who} on ${registry.displayName}?`;
}

/** Which store Docker would ask for this registry. */
export function sourceFor(registry: RegistryAddress, config: DockerConfigFile): DockerLoginSource {
  const helper = config.credHelpers[registry.serverAddress] ?? config.credHelpers[registry.host];
  if (helper !== undefined) return { kind: 'cred-helper', helper };
  if (config.credsStore !== null) return { kind: 'creds-store', helper: config.credsStore };
  return { kind: 'config-file' };
}

function authEntryFor(registry: RegistryAddress, config: DockerConfigFile): DockerAuthEntry | null {
  const exact = config.auths[registry.serverAddress];
  if (exact !== undefined) return exact;
  // Older configs key by URL ('https://quay.io', 'https://index.docker.io/v1/'): compare normalized.
  for (const [key, entry] of Object.entries(config.auths)) {
    const parsed = parseRegistryAddress(key);
    if (parsed.ok && parsed.address.serverAddress === registry.serverAddress) return entry;
  }
  return null;
}

/** An auths entry: `auth` is base64 "user:password"; `identitytoken` replaces the password when set. */
export function credentialsFromAuthEntry(entry: DockerAuthEntry): RegistryCredentials | null {
  let username = entry.username ?? '';
  let password = entry.password ?? '';
  if (entry.auth !== undefined && entry.auth !== '') {
    const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon > 0) {
      username = decoded.slice(0, colon);
      password = decoded.slice(colon + 1);
    }
  }
  if (entry.identitytoken !== undefined && entry.identitytoken !== '') {
    return { username: username === '' ? IDENTITY_TOKEN_USERNAME : username, secret: entry.identitytoken, kind: 'identity-token' };
  }
  if (username === '' || password === '') return null;
  return { username, secret: password, kind: 'password' };
}

/** `get` output: {"ServerURL","Username","Secret"}; Username '<token>' means Secret is an identity token. */
export function credentialsFromHelperOutput(out: string, helper: string): RegistryCredentials | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(out);
  } catch {
    // Never put `out` in the error: it may hold the secret.
    throw new AppError('docker-credentials-unavailable', `Docker's credential helper docker-credential-${helper} answered with something that is not JSON.`);
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const username = 'Username' in parsed && typeof parsed.Username === 'string' ? parsed.Username : '';
  const secret = 'Secret' in parsed && typeof parsed.Secret === 'string' ? parsed.Secret : '';
  if (secret === '') return null;
  if (username === IDENTITY_TOKEN_USERNAME) return { username, secret, kind: 'identity-token' };
  if (username === '') return null;
  return { username, secret, kind: 'password' };
}

function parseList(out: string | null): Record<string, string> {
  if (out === null) return {};
  try {
    const parsed: unknown = JSON.parse(out);
    if (!isPlainObject(parsed)) return {};
    const list: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) if (typeof value === 'string') list[key] = value;
    return list;
  } catch {
    return {};
  }
}

function rank(registry: RegistryAddress): number {
  return registry.kind === 'docker-hub' ? 0 : registry.kind === 'other' ? 2 : 1;
}
