// Engine domain types that cross IPC. zod only: this file is imported by the renderer too.
import { z } from 'zod';

/** The products we can name for the user; the engine API itself only says "Docker Engine" or "Podman". */
export const EngineProduct = z.enum(['Docker Engine', 'Docker Desktop', 'Podman', 'Colima', 'Rancher Desktop', 'OrbStack']);
export type EngineProduct = z.infer<typeof EngineProduct>;

/** Where a candidate came from, so the UI can say "from DOCKER_HOST" or "context 'remote'". */
export const EngineSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('docker-host') }),
  z.object({ kind: z.literal('context'), name: z.string() }),
  z.object({ kind: z.literal('known-socket'), product: EngineProduct }),
]);
export type EngineSource = z.infer<typeof EngineSource>;

/** File paths only: the PEM contents never leave the main process. */
export const TlsSettings = z.object({
  /** Verify the server certificate against `caFile` (DOCKER_TLS_VERIFY / a context without SkipTLSVerify). */
  verify: z.boolean(),
  caFile: z.string().nullable(),
  certFile: z.string().nullable(),
  keyFile: z.string().nullable(),
});
export type TlsSettings = z.infer<typeof TlsSettings>;

export const EngineEndpoint = z.discriminatedUnion('transport', [
  z.object({ transport: z.literal('unix'), socketPath: z.string() }),
  z.object({ transport: z.literal('npipe'), pipePath: z.string() }),
  z.object({
    transport: z.literal('tcp'),
    host: z.string(),
    port: z.number().int(),
    tls: TlsSettings.nullable(),
  }),
  z.object({
    transport: z.literal('ssh'),
    host: z.string(),
    port: z.number().int(),
    user: z.string().nullable(),
    /** ssh-agent socket (SSH_AUTH_SOCK, or "pageant" on Windows); null when none is known. */
    agent: z.string().nullable(),
  }),
  // Kept as a candidate (not dropped) so a typo in DOCKER_HOST shows up in the list with its reason.
  z.object({ transport: z.literal('invalid'), raw: z.string(), reason: z.string() }),
]);
export type EngineEndpoint = z.infer<typeof EngineEndpoint>;

export const EngineCandidate = z.object({
  /** Stable across re-discovery: the normalized endpoint URL. The user's pick is remembered by it. */
  id: z.string(),
  source: EngineSource,
  endpoint: EngineEndpoint,
  /** e.g. "unix:///var/run/docker.sock", "tcp://10.0.0.5:2376 (TLS)"; never holds a secret. */
  display: z.string(),
  /** Product guessed from where the endpoint lives, used when the engine itself does not say. */
  productHint: EngineProduct.nullable(),
});
export type EngineCandidate = z.infer<typeof EngineCandidate>;

export const EngineErrorCode = z.enum([
  'no-socket',
  'permission-denied',
  'not-answering',
  'host-not-found',
  'api-too-old',
  'tls-failed',
  'tls-files-unreadable',
  'ssh-unavailable',
  'ssh-failed',
  'bad-endpoint',
  'unexpected-response',
  'unknown',
]);
export type EngineErrorCode = z.infer<typeof EngineErrorCode>;

export const EngineError = z.object({
  code: EngineErrorCode,
  /** One plain sentence for the user. */
  message: z.string(),
  /** What to do about it, when we know. */
  hint: z.string().nullable(),
  /** The underlying error text, for a "details" disclosure and bug reports. */
  detail: z.string().nullable(),
});
export type EngineError = z.infer<typeof EngineError>;

export const EngineInfo = z.object({
  product: EngineProduct,
  /** Engine version, e.g. "28.2.2" (Podman's own version for Podman). */
  version: z.string(),
  apiVersion: z.string(),
  /** GOOS / GOARCH of the engine, e.g. "linux" / "amd64": what images built there will run on. */
  os: z.string(),
  arch: z.string(),
  /** info.OperatingSystem, e.g. "Docker Desktop", "Debian GNU/Linux 12 (bookworm)"; null when info() failed. */
  operatingSystem: z.string().nullable(),
  /** info.Name: the engine host's name; null when info() failed. */
  name: z.string().nullable(),
  endpoint: z.string(),
  source: EngineSource,
});
export type EngineInfo = z.infer<typeof EngineInfo>;

export const EngineProbe = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), candidateId: z.string(), engine: EngineInfo, elapsedMs: z.number() }),
  z.object({
    ok: z.literal(false),
    candidateId: z.string(),
    endpoint: z.string(),
    source: EngineSource,
    error: EngineError,
    elapsedMs: z.number(),
  }),
]);
export type EngineProbe = z.infer<typeof EngineProbe>;

export const EngineStatus = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('connected'),
    selectedId: z.string(),
    engine: EngineInfo,
    /** "Connected to Docker Engine 28.2 (Docker Desktop)". */
    message: z.string(),
    probes: z.array(EngineProbe),
    /** Problems met on the way that are worth a line, e.g. a corrupt ~/.docker/config.json. */
    notes: z.array(z.string()),
    checkedAt: z.string(),
  }),
  // The user picked an engine that does not answer: we do not silently build somewhere else.
  z.object({
    state: z.literal('picked-unavailable'),
    selectedId: z.string(),
    error: EngineError,
    message: z.string(),
    probes: z.array(EngineProbe),
    /** Problems met on the way that are worth a line, e.g. a corrupt ~/.docker/config.json. */
    notes: z.array(z.string()),
    checkedAt: z.string(),
  }),
  z.object({
    state: z.literal('none'),
    /** "Docker isn't running. …", or the one specific problem worth showing (e.g. permission denied). */
    message: z.string(),
    hint: z.string().nullable(),
    installUrl: z.string(),
    probes: z.array(EngineProbe),
    /** Problems met on the way that are worth a line, e.g. a corrupt ~/.docker/config.json. */
    notes: z.array(z.string()),
    checkedAt: z.string(),
  }),
]);
export type EngineStatus = z.infer<typeof EngineStatus>;
