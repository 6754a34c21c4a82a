import { type BuildFailure, buildErrorCode } from '../../contract/domain/build';
import { AppError } from '../../contract/errors';

/**
 * A failed build as an AppError (code `build-<kind>` or `engine-unavailable`), keeping the whole
 * classification for callers in the main process; only code, message and detail cross IPC.
 */
export class BuildError extends AppError {
  constructor(readonly failure: BuildFailure) {
    super(
      buildErrorCode(failure.kind),
      failure.hint ? `${failure.message} ${failure.hint}` : failure.message,
      [...failure.toolOutput, ...(failure.engineMessage && !failure.toolOutput.includes(failure.engineMessage) ? [failure.engineMessage] : [])].join('\n') ||
        undefined,
    );
  }
}

export function buildCancelled(): AppError {
  return new AppError('cancelled', 'The build was cancelled. No build container was left behind.');
}
