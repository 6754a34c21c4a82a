import { normalizeName } from './distribution-mapping';

/**
 * Asks a PEP 503 simple index (PyPI or the company's mirror) whether each distribution exists:
 * `<index>/<normalized-name>/` answers 200 or 404. The index is a confirmation, never a
 * requirement: offline, or behind a proxy that fails, the inference stands and we say why.
 */

export type FetchFunction = typeof globalThis.fetch;

export interface ConfirmWithIndexOptions {
  /** Simple index root, e.g. `https://pypi.org/simple/`. */
  indexUrl: string;
  fetch?: FetchFunction;
  /** Per request. */
  timeoutMs?: number;
  concurrency?: number;
}

export type NameStatus = 'found' | 'not-found' | 'unknown';

export interface NameConfirmation {
  name: string;
  normalized: string;
  status: NameStatus;
  /** Why the status is `unknown` (HTTP status, timeout, network error). */
  detail: string | null;
}

export interface IndexConfirmation {
  indexUrl: string;
  /** False when no request got any HTTP answer. */
  reachable: boolean;
  message: string | null;
  results: NameConfirmation[];
}

export const PYPI_SIMPLE_URL = 'https://pypi.org/simple/';
// PEP 691 JSON first; HTML (PEP 503) for indexes that only serve that, e.g. `python -m http.server`.
const ACCEPT = 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01';
const DEFAULT_TIMEOUT_MS = 5000;
const DEFAULT_CONCURRENCY = 8;

type Outcome = { status: NameStatus; detail: string | null; answered: boolean };

export async function confirmWithIndex(names: readonly string[], options: ConfirmWithIndexOptions): Promise<IndexConfirmation> {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const base = options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`;
  const unique = new Map<string, string>();
  for (const name of names) if (!unique.has(normalizeName(name))) unique.set(normalizeName(name), name);
  const entries = [...unique.entries()];
  const outcomes = new Map<string, Outcome>();

  const check = async (normalized: string): Promise<Outcome> => {
    let url: string;
    try {
      url = new URL(`${encodeURIComponent(normalized)}/`, base).toString();
    } catch {
      return { status: 'unknown', detail: `invalid index URL: ${options.indexUrl}`, answered: false };
    }
    try {
      const response = await doFetch(url, {
        method: 'GET',
        headers: { Accept: ACCEPT },
        redirect: 'follow',
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The page lists every file of the project and can be megabytes: we only need the status.
      await response.body?.cancel().catch(() => undefined);
      if (response.status === 200) return { status: 'found', detail: null, answered: true };
      if (response.status === 404 || response.status === 410) {
        return { status: 'not-found', detail: null, answered: true };
      }
      return { status: 'unknown', detail: `HTTP ${response.status}`, answered: true };
    } catch (error) {
      return { status: 'unknown', detail: describeFailure(error, timeoutMs), answered: false };
    }
  };

  // One probe first: when the index is unreachable, every name would wait for the same timeout.
  const first = entries[0];
  if (first !== undefined) {
    const probe = await check(first[0]);
    outcomes.set(first[0], probe);
    if (!probe.answered) {
      return {
        indexUrl: options.indexUrl,
        reachable: false,
        message: `The package index at ${options.indexUrl} could not be reached (${probe.detail ?? 'no answer'}); names were not confirmed.`,
        results: entries.map(([normalized, name]) => ({ name, normalized, status: 'unknown', detail: probe.detail })),
      };
    }
  }
  const queue = entries.slice(1).map(([normalized]) => normalized);
  const workers = Array.from({ length: Math.min(options.concurrency ?? DEFAULT_CONCURRENCY, queue.length) }, async () => {
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) outcomes.set(next, await check(next));
  });
  await Promise.all(workers);

  const results = entries.map(([normalized, name]): NameConfirmation => {
    const outcome = outcomes.get(normalized) ?? { status: 'unknown', detail: null, answered: false };
    return { name, normalized, status: outcome.status, detail: outcome.detail };
  });
  const unanswered = results.filter((result) => result.status === 'unknown').length;
  return {
    indexUrl: options.indexUrl,
    reachable: true,
    message: unanswered === 0 ? null : `${unanswered} of ${results.length} names got no clear answer from ${options.indexUrl}.`,
    results,
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  if (error instanceof Error) {
    // undici puts the system error (ECONNREFUSED, ENOTFOUND) in `cause`.
    const cause: unknown = error.cause;
    if (cause instanceof Error) return `${error.message}: ${cause.message}`;
    return error.message;
  }
  return String(error);
}
