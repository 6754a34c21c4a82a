import type { PushProgress } from '../contract/domain/job';
import { describePushEvent, type PushUpdate } from '../services/push';
import { formatBytes, formatSeconds } from './format';

// Turns the push's event stream into lines for a terminal or a CI log. The engine sends progress
// many times a second per layer; a log wants one line per layer status change and an overall line
// at a readable pace. Pure apart from the clock value passed in, so it is unit-tested.

export interface PushLines {
  /** Lines to print for this update (often none). */
  update(update: PushUpdate, nowMs: number): string[];
  /**
   * Called every second or so: while the engine has said nothing about the upload (Podman says
   * nothing until it is over), a line now and then, so that a log shows the push is alive.
   */
  tick(nowMs: number): string[];
  /** The overall line for the final figures, or null when it was the last line printed. */
  final(progress: PushProgress, nowMs: number): string | null;
}

export interface PushLinesOptions {
  /** When the push started; the first update's time when not given. */
  startedAtMs?: number;
  intervalMs?: number;
}

/** At most two overall lines a second. */
export const OVERALL_INTERVAL_MS = 500;
/** A silent engine: the first word after this long, then one every SILENT_REPEAT_MS. */
export const SILENT_FIRST_MS = 3_000;
export const SILENT_REPEAT_MS = 10_000;

export function createPushLines(options: PushLinesOptions = {}): PushLines {
  const intervalMs = options.intervalMs ?? OVERALL_INTERVAL_MS;
  const statuses = new Map<string, string>();
  let startedAt = options.startedAtMs ?? null;
  let lastOverallAt = Number.NEGATIVE_INFINITY;
  let lastOverall = '';
  let heardOfLayers = false;
  let done = false;
  let silentLines = 0;
  let lastSilentAt = Number.NEGATIVE_INFINITY;

  const elapsed = (nowMs: number): number => nowMs - (startedAt ?? nowMs);

  return {
    update({ event, progress }, nowMs) {
      startedAt ??= nowMs;
      const lines: string[] = [];
      if (progress.layers.length > 0) heardOfLayers = true;
      // The engine repeats some statuses ("Waiting", "Retrying in 4 seconds"…); print a layer's
      // status only when it changes. 'done' and 'error' are said by the command's final lines.
      if (event.type === 'layer-status' || event.type === 'retrying') {
        if (statuses.get(event.layerId) !== event.status) {
          statuses.set(event.layerId, event.status);
          const line = describePushEvent(event);
          if (line !== null) lines.push(line);
        }
      }
      if (progress.phase === 'done') done = true;
      // The final figures are the command's last line (`final`), printed once.
      if (progress.phase !== 'preparing' && progress.phase !== 'done' && nowMs - lastOverallAt >= intervalMs) {
        const overall = overallLine(progress);
        if (overall !== lastOverall) {
          lines.push(overall);
          lastOverall = overall;
          lastOverallAt = nowMs;
        }
      }
      return lines;
    },
    tick(nowMs) {
      startedAt ??= nowMs;
      if (heardOfLayers || done) return [];
      const since = elapsed(nowMs);
      if (since < SILENT_FIRST_MS || nowMs - lastSilentAt < SILENT_REPEAT_MS) return [];
      lastSilentAt = nowMs;
      silentLines += 1;
      const line = `==> Uploading: ${formatSeconds(since / 1000)} so far`;
      return [silentLines === 1 ? `${line}; this engine reports no progress until the push is done` : line];
    },
    final(progress, nowMs) {
      // An engine without layer events gives no figures: the time it took is what there is to say.
      const line =
        progress.layers.length === 0 && progress.bytesTotal === 0 && progress.phase === 'done'
          ? `==> 100% · in ${formatSeconds(elapsed(nowMs) / 1000)}`
          : overallLine(progress);
      if (line === lastOverall) return null;
      lastOverall = line;
      return line;
    },
  };
}

/** "==> 42% · 80 MB of 191 MB · 12.3 MB/s · ETA 9 s · 3 of 5 layers" */
export function overallLine(p: PushProgress): string {
  // Floor, so a push that is not done never reads 100%.
  const parts = [`${Math.floor(p.percent)}%`];
  // Layers the registry already had (or mounted) report no size: "0 B of 0 B" would say nothing.
  if (p.bytesTotal > 0) parts.push(`${formatBytes(p.bytesSent)} of ${p.totalKnown ? '' : 'at least '}${formatBytes(p.bytesTotal)}`);
  if (p.bytesPerSecond > 0) parts.push(`${formatBytes(p.bytesPerSecond)}/s`);
  if (p.phase !== 'done' && p.etaSeconds !== null) parts.push(`ETA ${formatSeconds(p.etaSeconds)}`);
  // An engine without layer events (Podman) knows no layers: "0 of 0 layers" would say nothing.
  if (p.layersTotal > 0) parts.push(`${p.layersDone} of ${p.layersTotal} layers`);
  if (p.phase === 'retrying' && p.message !== null) parts.push(p.message);
  return `==> ${parts.join(' · ')}`;
}
