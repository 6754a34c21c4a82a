// Small statistics shared by the benchmarks: medians, and runs that alternate the app and the CLI so
// drift (page cache, engine state, a neighbour's load) falls on both sides alike.

export interface Timings {
  runsMs: number[];
  medianMs: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function timings(runsMs: number[]): Timings {
  return { runsMs, medianMs: median(runsMs) };
}

/** The median of each run's own app ÷ CLI (the two sides of a run are back to back): steadier under drift. */
export function pairedMedian(pairs: { app: readonly number[]; cli: readonly number[] }): number {
  return median(pairs.app.map((app, i) => app / (pairs.cli[i] ?? app)));
}

/** Alternates app and CLI, swapping who goes first each run; `run` is the run's index. */
export async function alternate(
  runs: number,
  app: (run: number) => Promise<number>,
  cli: (run: number) => Promise<number>,
): Promise<{ app: number[]; cli: number[] }> {
  const out = { app: [] as number[], cli: [] as number[] };
  for (let i = 0; i < runs; i += 1) {
    if (i % 2 === 0) {
      out.app.push(await app(i));
      out.cli.push(await cli(i));
    } else {
      out.cli.push(await cli(i));
      out.app.push(await app(i));
    }
  }
  return out;
}

/** Runs each side once per run, starting with a different side each run, so no side is always first. */
export async function rotate(runs: number, sides: readonly ((run: number) => Promise<number>)[]): Promise<number[][]> {
  const out = sides.map(() => [] as number[]);
  for (let i = 0; i < runs; i += 1) {
    for (let k = 0; k < sides.length; k += 1) {
      const side = (i + k) % sides.length;
      const run = sides[side];
      if (run !== undefined) out[side]?.push(await run(i));
    }
  }
  return out;
}

/** Half the interquartile range as a share of the median: the run-to-run spread, robust to one odd run. */
export function spread(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number): number => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    return (sorted[lo] ?? 0) + ((sorted[Math.ceil(pos)] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo);
  };
  const mid = median(values);
  return mid > 0 ? (at(0.75) - at(0.25)) / 2 / mid : 0;
}

export function ms(value: number): string {
  return `${Math.round(value)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
