import { z } from 'zod';
import { normalizePackageName } from '../requirements/package-name';

export const PYPI_SIMPLE = 'https://pypi.org/simple';

/** One file the index offers for a project. */
export interface IndexFile {
  filename: string;
  /** PEP 503 data-requires-python / PEP 691 requires-python, unescaped; null when the index says none. */
  requiresPython: string | null;
  yanked: boolean;
}

export type SimplePage =
  | { ok: true; indexUrl: string; normalized: string; files: IndexFile[]; versions: string[] | null }
  | { ok: false; indexUrl: string; normalized: string; why: 'not-found' | 'refused' | 'unreachable' | 'timeout'; status: number | null };

export interface SimplePageOptions {
  indexUrl: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** PEP 691 JSON; `versions` is PEP 700 and newer indexes send it, older ones only list files. */
const SimpleJson = z.object({
  versions: z.array(z.string()).optional(),
  files: z
    .array(
      z.object({
        filename: z.string(),
        'requires-python': z.string().nullable().optional(),
        yanked: z.union([z.boolean(), z.string()]).optional(),
      }),
    )
    .optional(),
});

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** PEP 503: the anchors' text is the file name; data-requires-python and data-yanked ride on the tag. */
export function filesFromHtml(html: string): IndexFile[] {
  return [...html.matchAll(/<a\b([^>]*)>([^<]+)<\/a>/gi)].map((m) => {
    const attributes = m[1] ?? '';
    const requires = /data-requires-python\s*=\s*"([^"]*)"/i.exec(attributes)?.[1] ?? /data-requires-python\s*=\s*'([^']*)'/i.exec(attributes)?.[1];
    return {
      filename: unescapeHtml((m[2] ?? '').trim()),
      requiresPython: requires === undefined || requires.trim() === '' ? null : unescapeHtml(requires).trim(),
      yanked: /\bdata-yanked\b/i.test(attributes),
    };
  });
}

/**
 * A project's page on the index (PEP 691 JSON if the index speaks it, else PEP 503 HTML). Never
 * throws: an index that cannot be asked says why.
 */
export async function fetchSimplePage(name: string, options: SimplePageOptions): Promise<SimplePage> {
  const indexUrl = (options.indexUrl ?? PYPI_SIMPLE).replace(/\/+$/, '');
  const normalized = normalizePackageName(name);
  const doFetch = options.fetch ?? fetch;
  try {
    const response = await doFetch(`${indexUrl}/${normalized}/`, {
      headers: { Accept: 'application/vnd.pypi.simple.v1+json, text/html;q=0.1' },
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (response.status === 404) return { ok: false, indexUrl, normalized, why: 'not-found', status: 404 };
    if (!response.ok) return { ok: false, indexUrl, normalized, why: 'refused', status: response.status };
    const body = await response.text();
    if ((response.headers.get('content-type') ?? '').includes('json')) {
      const parsed = SimpleJson.safeParse(JSON.parse(body));
      const data = parsed.success ? parsed.data : {};
      const files = (data.files ?? []).map((f) => ({ filename: f.filename, requiresPython: f['requires-python'] ?? null, yanked: Boolean(f.yanked) }));
      return { ok: true, indexUrl, normalized, files, versions: data.versions ?? null };
    }
    return { ok: true, indexUrl, normalized, files: filesFromHtml(body), versions: null };
  } catch (error) {
    const timeout = error instanceof Error && error.name === 'TimeoutError';
    return { ok: false, indexUrl, normalized, why: timeout ? 'timeout' : 'unreachable', status: null };
  }
}
