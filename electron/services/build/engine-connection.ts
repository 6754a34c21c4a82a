import type Dockerode from 'dockerode';
import { errorCode, errorMessage } from '../docker-config/file-access';

// Socket-level failures: the engine is not there, or went away while we were talking to it.
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ERR_STREAM_PREMATURE_CLOSE']);

/** True when the error says the connection to the engine failed, not that the engine said no. */
export function isConnectionFailure(error: unknown): boolean {
  const code = errorCode(error);
  if (code !== undefined && CONNECTION_CODES.has(code)) return true;
  return /socket hang up|ECONNREFUSED|ECONNRESET|premature close|aborted/i.test(errorMessage(error));
}

/** Whether the engine answers a ping within `timeoutMs`: after a stream broke off, was it the engine? */
export async function engineAnswers(docker: Dockerode, timeoutMs = 3000): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    // The typings of ping() take no options, so the time limit is a race rather than an AbortSignal.
    return await Promise.race([docker.ping().then(() => true, () => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
