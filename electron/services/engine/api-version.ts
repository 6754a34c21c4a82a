/** Engine 20.10: the oldest whose API has what build and push need. */
export const MIN_API_VERSION = '1.41';
export const MIN_ENGINE_RELEASE = 'Docker Engine 20.10';

/** Compares "1.41"-style versions numerically ("1.9" < "1.41"); unparseable counts as too old. */
export function isApiVersionAtLeast(actual: string, minimum: string = MIN_API_VERSION): boolean {
  const a = parse(actual);
  const m = parse(minimum);
  if (a === null || m === null) return false;
  return a[0] !== m[0] ? a[0] > m[0] : a[1] >= m[1];
}

function parse(version: string): [number, number] | null {
  const match = /^(\d+)\.(\d+)$/.exec(version.trim());
  return match === null ? null : [Number(match[1]), Number(match[2])];
}
