import { isPlainObject } from '../shared/plain-object';

// One event of the engine's push stream, read into a tagged union. Pure.
//
// What the engine sends (engine 20.10, recorded in test/fixtures/push-events):
//   {"status":"The push refers to repository [127.0.0.1:5000/alice/pandas]"}
//   {"status":"Preparing","progressDetail":{},"id":"f0fa5c311daa"}
//   {"status":"Waiting","progressDetail":{},"id":"…"}                      more layers than uploads at once
//   {"status":"Pushing","progressDetail":{"current":N,"total":M},"progress":"[==>  ] …","id":"…"}
//       current can exceed total; total can be missing
//   {"status":"Pushed","progressDetail":{},"id":"…"}
//   {"status":"Layer already exists","progressDetail":{},"id":"…"}
//   {"status":"Mounted from alice/other","progressDetail":{},"id":"…"}
//   {"status":"Retrying in 5 seconds","progressDetail":{},"id":"…"}        the registry went away
//   {"status":"1.0: digest: sha256:… size: 529"}
//   {"progressDetail":{},"aux":{"Tag":"1.0","Digest":"sha256:…","Size":529}}
//   {"errorDetail":{"message":"unauthorized: authentication required"},"error":"unauthorized: …"}

export type LayerOutcome = 'pushed' | 'exists' | 'mounted';

export type PushEvent =
  | { type: 'progress'; layerId: string; current: number | null; total: number | null }
  | { type: 'layer-status'; layerId: string; status: string; done: boolean; outcome: LayerOutcome | null }
  /** The engine lost the registry and will try this layer again. */
  | { type: 'retrying'; layerId: string; status: string; inSeconds: number | null }
  | { type: 'done'; tag: string; digest: string; size: number }
  | { type: 'error'; message: string }
  /** Not progress: the "refers to repository" line, the digest line, blank or foreign lines. */
  | { type: 'ignored'; reason: IgnoredReason; digestLine?: { tag: string; digest: string; size: number } };

export type IgnoredReason = 'not-json' | 'not-an-object' | 'no-status' | 'info' | 'digest-line';

const DIGEST_LINE = /^(\S+): digest: (sha256:[a-f0-9]{64}) size: (\d+)$/;
const RETRYING = /^Retrying in (\d+) seconds?/;
const SHA256 = /^sha256:[a-f0-9]{64}$/;

/** Accepts a parsed JSON value or a raw line of the stream. Never throws. */
export function parsePushEvent(input: unknown): PushEvent {
  let event: unknown = input;
  if (typeof input === 'string') {
    const line = input.trim();
    if (line === '') return { type: 'ignored', reason: 'not-json' };
    try {
      event = JSON.parse(line);
    } catch {
      return { type: 'ignored', reason: 'not-json' };
    }
  }
  if (!isPlainObject(event)) return { type: 'ignored', reason: 'not-an-object' };

  // Errors first: an error event may carry other fields too, and must never be mistaken for progress.
  if ((event.error !== undefined && event.error !== null) || (event.errorDetail !== undefined && event.errorDetail !== null)) {
    const detail = isPlainObject(event.errorDetail) && typeof event.errorDetail.message === 'string' ? event.errorDetail.message : '';
    const message = detail.trim() !== '' ? detail : typeof event.error === 'string' ? event.error : '';
    return { type: 'error', message: message.trim() !== '' ? message : 'The engine reported an error without a message.' };
  }

  if (isPlainObject(event.aux)) {
    const { Tag, Digest, Size } = event.aux;
    if (typeof Digest === 'string' && SHA256.test(Digest)) {
      return {
        type: 'done',
        tag: typeof Tag === 'string' ? Tag : '',
        digest: Digest,
        size: byteCount(Size) ?? 0,
      };
    }
  }

  const status = typeof event.status === 'string' ? event.status : null;
  if (status === null) return { type: 'ignored', reason: 'no-status' };
  const layerId = typeof event.id === 'string' && event.id !== '' ? event.id : null;

  if (layerId === null) {
    const digest = DIGEST_LINE.exec(status.trim());
    if (digest !== null) {
      return {
        type: 'ignored',
        reason: 'digest-line',
        digestLine: { tag: digest[1] ?? '', digest: digest[2] ?? '', size: Number(digest[3]) },
      };
    }
    return { type: 'ignored', reason: 'info' };
  }

  if (status === 'Pushing') {
    const detail = isPlainObject(event.progressDetail) ? event.progressDetail : {};
    return { type: 'progress', layerId, current: byteCount(detail.current), total: positive(byteCount(detail.total)) };
  }
  if (status === 'Pushed') return { type: 'layer-status', layerId, status, done: true, outcome: 'pushed' };
  if (status === 'Layer already exists') return { type: 'layer-status', layerId, status, done: true, outcome: 'exists' };
  if (status.startsWith('Mounted from')) return { type: 'layer-status', layerId, status, done: true, outcome: 'mounted' };
  const retry = RETRYING.exec(status);
  if (retry !== null) return { type: 'retrying', layerId, status, inSeconds: Number(retry[1]) };
  return { type: 'layer-status', layerId, status, done: false, outcome: null };
}

// Past 2^53 a count is no longer exact, and no layer is that big: such a value is noise, not a size.
function byteCount(value: unknown): number | null {
  return typeof value === 'number' && value >= 0 && value <= Number.MAX_SAFE_INTEGER ? value : null;
}

// The engine sends total 0 (or leaves it out) when it does not know the size.
function positive(value: number | null): number | null {
  return value !== null && value > 0 ? value : null;
}

/**
 * A line for the job's log, or null for events too frequent or empty to log (byte progress, blank
 * lines). Built from the parsed event only, so nothing but the engine's own words reaches the log.
 */
export function describePushEvent(event: PushEvent): string | null {
  switch (event.type) {
    case 'progress':
      return null;
    case 'layer-status':
    case 'retrying':
      return `${event.layerId}: ${event.status}`;
    case 'done':
      return `Pushed${event.tag === '' ? '' : ` ${event.tag}`}: ${event.digest} (manifest ${event.size} bytes)`;
    case 'error':
      return `Error: ${event.message}`;
    case 'ignored':
      return null;
  }
}
