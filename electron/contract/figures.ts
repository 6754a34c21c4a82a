// How the app writes sizes and durations, in the window and in the terminal alike: one place, so
// a figure reads the same wherever the user sees it. Pure functions, no Node: the renderer uses them.

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

export function formatDuration(ms: number): string {
  return formatSeconds(ms / 1000);
}
