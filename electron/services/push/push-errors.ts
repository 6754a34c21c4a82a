import type { RegistryAddress } from '../../contract/domain/registry';
import { AppError, ErrorCodes } from '../../contract/errors';
import { errorMessage, httpStatusOf } from '../docker-config/file-access';
import { classifyRegistryFailure, registryCodeOf, registryError } from '../registry/registry-errors';

export interface PushFailureContext {
  registry: RegistryAddress;
  /** '<host>/<path>' being pushed to. */
  repository: string;
  username: string;
}

// Seen from registries: distribution answers 401 "authentication required" for a bad login and
// "denied: requested access to the resource is denied" for a good login without push rights (Docker
// Hub says the same when the namespace is not the user's); GitHub and Quay say "denied"/"forbidden".
// Docker passes the registry's words on alone; Podman 5.8 wraps them in what it was doing, naming the
// repository ("checking whether a blob sha256:… exists in localhost:5000/rib/denied: authentication
// required", "writing manifest: uploading manifest 1 to localhost:5000/rib/x: denied"), so the words
// are read with the user's own names taken out (see `registryWords`).
const DENIED = /\bdenied\b|insufficient_scope|forbidden|\b403\b|not authorized to push|permission/i;
const UNAUTHORIZED = /unauthorized|authentication required|\b401\b|incorrect username or password/i;
const NO_IMAGE = /no such image|does not exist locally|reference does not exist|An image does not exist/i;

/** An error event's message → an AppError. The engine's words stay in `detail` (and in the message when nothing better is known). */
export function classifyPushMessage(message: string, context: PushFailureContext): AppError {
  const words = registryWords(message, context);
  if (DENIED.test(words)) {
    return new AppError(
      'push-denied',
      `${context.registry.displayName} accepted the login of ${context.username} but refused the push to ${context.repository}. Check that the account or organisation in the image name is one ${context.username} may push to.`,
      message,
    );
  }
  if (UNAUTHORIZED.test(words)) {
    return new AppError('login-required', `${context.registry.displayName} did not accept the saved login of ${context.username}. Log in again.`, message);
  }
  if (NO_IMAGE.test(words)) {
    return new AppError('image-not-found', 'The image to push is no longer on the engine. Build it again.', message);
  }
  const code = registryCodeOf(words);
  if (code !== null && code !== ErrorCodes.wrongCredentials) {
    return registryError(code, { registry: context.registry, action: 'push', username: context.username }, message);
  }
  return new AppError('push-failed', `The push failed: ${message}`, message);
}

/**
 * The engine's message without the names the user chose (the repository, with or without its
 * registry): a repository called 'team/denied' or 'unauthorized-tools' must not read as the
 * registry's answer.
 */
export function registryWords(message: string, context: Pick<PushFailureContext, 'repository'>): string {
  const path = context.repository.slice(context.repository.indexOf('/') + 1);
  return [context.repository, path].filter((name) => name !== '').reduce((text, name) => text.split(name).join('<repository>'), message);
}

/** A thrown dockerode error (tag or push request) → an AppError. */
export function classifyPushFailure(error: unknown, context: PushFailureContext): AppError {
  if (error instanceof AppError) return error;
  const status = httpStatusOf(error);
  if (status === 404) {
    return new AppError('image-not-found', 'The image to push is not on the engine. Build it first.', errorMessage(error));
  }
  if (status !== null) return classifyPushMessage(errorMessage(error), context);
  return classifyRegistryFailure(error, { registry: context.registry, action: 'push', username: context.username });
}
