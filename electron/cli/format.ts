// Terminal-only formatting; sizes and durations come from the contract's figures, shared with the window.
import { adviceFor } from '../contract/error-advice';
import { AppError } from '../contract/errors';
import { errorMessage } from '../services/docker-config';

export { formatBytes, formatSeconds } from '../contract/figures';

/**
 * The error's own message; when it adds something, the engine's own words; and for a coded error
 * what to do next, in the same words the window uses (contract/error-advice).
 */
export function errorLines(error: unknown): string[] {
  const message = errorMessage(error);
  const detail = typeof error === 'object' && error !== null && 'detail' in error && typeof error.detail === 'string' ? error.detail : '';
  const lines = [`error: ${message}`];
  if (detail.trim() !== '' && !message.includes(detail.trim())) lines.push(`  detail: ${detail.trim()}`);
  if (error instanceof AppError) lines.push(`  next: ${adviceFor(error.code).next}`);
  return lines;
}
