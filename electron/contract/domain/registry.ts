// Registry and login types that cross IPC. zod only: the renderer imports this file too.
// No schema here ever holds a secret except LoginInput, which carries the password once, from the
// login form to main; nothing travels back.
import { z } from 'zod';
import { ErrorCode } from '../errors';

export const RegistryKind = z.enum(['docker-hub', 'quay', 'ghcr', 'other']);
export type RegistryKind = z.infer<typeof RegistryKind>;

/** A registry as the app and the engine name it, normalized from whatever the user typed. */
export const RegistryAddress = z.object({
  kind: RegistryKind,
  /** host[:port] as written in image references: 'docker.io', 'quay.io', '127.0.0.1:5000', '[::1]:5000'. */
  host: z.string(),
  /** What the engine's /auth, X-Registry-Auth and Docker's credential helpers key on ('https://index.docker.io/v1/' for Docker Hub, else the host). */
  serverAddress: z.string(),
  /** 'http' only for a registry on this computer (localhost, 127.0.0.1, [::1]). */
  scheme: z.enum(['https', 'http']),
  /** 'Docker Hub', 'Quay.io', 'GitHub Container Registry', or the host. */
  displayName: z.string(),
});
export type RegistryAddress = z.infer<typeof RegistryAddress>;

export const RegistryAddressErrorCode = z.enum([
  'empty',
  'whitespace',
  'unsupported-scheme',
  'has-credentials',
  'has-path',
  'host-invalid',
  'port-invalid',
  'http-not-local',
]);
export type RegistryAddressErrorCode = z.infer<typeof RegistryAddressErrorCode>;

export const RegistryAddressError = z.object({ code: RegistryAddressErrorCode, message: z.string() });
export type RegistryAddressError = z.infer<typeof RegistryAddressError>;

export const RegistryAddressResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), address: RegistryAddress }),
  z.object({ ok: z.literal(false), error: RegistryAddressError }),
]);
export type RegistryAddressResult = z.infer<typeof RegistryAddressResult>;

/** AppError codes of login, credentials and registry access: a part of the one list in ../errors. */
export const RegistryErrorCode = ErrorCode.extract([
  'registry-address-invalid',
  'wrong-credentials',
  'registry-unknown-host',
  'registry-tls',
  'registry-down',
  'registry-timeout',
  'registry-error',
  'login-required',
  'keychain-unavailable',
  'docker-credentials-unavailable',
]);
export type RegistryErrorCode = z.infer<typeof RegistryErrorCode>;

/** The login form, renderer → main. The one schema that carries a secret, in that direction only. */
export const LoginInput = z
  .object({
    registry: z.string().max(500),
    username: z.string().min(1).max(500),
    password: z.string().min(1).max(20_000),
    /** Keep the login in memory only, until the app quits (offered when there is no keychain). */
    sessionOnly: z.boolean().default(false),
  })
  .strict();
export type LoginInput = z.input<typeof LoginInput>;

/** Where the secret of a login lives. 'docker': reused from Docker's own login; the app stored nothing. */
export const LoginStorage = z.enum(['keychain', 'session', 'docker']);
export type LoginStorage = z.infer<typeof LoginStorage>;

/** Where Docker keeps a login the app may reuse (~/.docker/config.json). */
export const DockerLoginSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cred-helper'), helper: z.string() }),
  z.object({ kind: z.literal('creds-store'), helper: z.string() }),
  z.object({ kind: z.literal('config-file') }),
]);
export type DockerLoginSource = z.infer<typeof DockerLoginSource>;

/**
 * What the app remembers about a login, outside the keychain (electron-store): plain data, never the
 * secret. The secret is found again from `registry.serverAddress` and `username`.
 */
export const LoginRecord = z.object({
  registry: RegistryAddress,
  /** '<token>' is how Docker names an identity-token login; shown as "an access token". */
  username: z.string(),
  /** Epoch milliseconds of the successful check. */
  loggedInAt: z.number(),
  storage: LoginStorage,
  /** What the stored secret is: a password/access token, or an identity token the engine returned. */
  secretKind: z.enum(['password', 'identity-token']),
  /** Set when storage is 'docker'. */
  dockerSource: DockerLoginSource.nullable(),
});
export type LoginRecord = z.infer<typeof LoginRecord>;

/** "Use your Docker login as alice on Docker Hub?" — no secret in it. */
export const DockerLoginOffer = z.object({
  registry: RegistryAddress,
  username: z.string(),
  source: DockerLoginSource,
  question: z.string(),
});
export type DockerLoginOffer = z.infer<typeof DockerLoginOffer>;

/** The name an image gets for a registry, or why it cannot have it (codes of ./reference plus 'namespace-required'). */
export const RegistryImageNameResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reference: z.string() }),
  z.object({ ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
]);
export type RegistryImageNameResult = z.infer<typeof RegistryImageNameResult>;
