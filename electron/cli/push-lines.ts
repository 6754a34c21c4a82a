import type { PushProgress } from '../contract/domain/job';
import { describePushEvent, type PushUpdate } from '../services/push';
import { formatBytes, formatSeconds } from './format';

// Turns the push's event stream into lines for a terminal or a CI log. The engine sends progress
// many times a second per layer; a log wants one line per layer status change and an overall line
// at a readable pace. Pure apart from the clock value passed in, so it is unit-tested.

export interface PushLines {
  /** Lines to print for this update (often none). */
  update(update: PushUpdate, nowMs: number): string[];
  /** The overall line for the final figures, printed whatever the throttle says. */
  final(progress: PushProgress): string;
}

/** At most two overall lines a second. */
export const OVERALL_INTERVAL_MS = 500;

export function createPushLines(intervalMs = OVERALL_INTERVAL_MS): PushLines {
  const statuses = new Map<string, string>();
  let lastOverallAt = Number.NEGATIVE_INFINITY;
  let lastOverall = '';

  return {
    update({ event, progress }, nowMs) {
      const lines: string[] = [];
      // The engine repeats some statuses ("Waiting", "Retrying in 4 seconds"…); print a layer's
      // status only when it changes. 'done' and 'error' are said by the command's final lines.
      if (event.type === 'layer-status' || event.type === 'retrying') {
        if (statuses.get(event.layerId) !== event.status) {
          statuses.set(event.layerId, event.status);
          const line = describePushEvent(event);
          if (line !== null) lines.push(line);
        }
      }
      if (progress.phase !== 'preparing' && nowMs - lastOverallAt >= intervalMs) {
        const overall = overallLine(progress);
        if (overall !== lastOverall) {
          lines.push(overall);
          lastOverall = overall;
          lastOverallAt = nowMs;
        }
      }
      return lines;
    },
    final: (progress) => overallLine(progress),
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
