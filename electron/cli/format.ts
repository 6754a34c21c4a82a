// Terminal-only formatting; sizes and durations come from the contract's figures, shared with the window.
import { errorMessage } from '../services/docker-config';

export { formatBytes, formatSeconds } from '../contract/figures';

/** The first line of an error and, when it adds something, the engine's own words. */
export function errorLines(error: unknown): string[] {
  const message = errorMessage(error);
  const detail = typeof error === 'object' && error !== null && 'detail' in error && typeof error.detail === 'string' ? error.detail : '';
  const lines = [`error: ${message}`];
  if (detail.trim() !== '' && !message.includes(detail.trim())) lines.push(`  detail: ${detail.trim()}`);
  return lines;
}
