// Figures for terminal lines. The renderer has its own formatters, but the CLI may not import the
// renderer (layering rule), and these are a few lines.

/** 1536 → "1.5 KB"; decimal units, as registries and `docker push` print them. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${Math.round(bytes)} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** 75 → "1 min 15 s". */
export function formatSeconds(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The first line of an error and, when it adds something, the engine's own words. */
export function errorLines(error: unknown): string[] {
  const message = error instanceof Error ? error.message : String(error);
  const detail = typeof error === 'object' && error !== null && 'detail' in error && typeof error.detail === 'string' ? error.detail : '';
  const lines = [`error: ${message}`];
  if (detail.trim() !== '' && !message.includes(detail.trim())) lines.push(`  detail: ${detail.trim()}`);
  return lines;
}
