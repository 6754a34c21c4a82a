import type { LoginRecord, RegistryAddress, RegistryImageNameResult } from '../../contract/domain/registry';
import { parseImageReference } from '../reference/parse-image-reference';
import { registryForDomain } from './registry-address';

// How an image is named for a registry: '<host>/<namespace>/<name>:<tag>'. The reference grammar
// itself is checked by the reference service; this adds what pushing needs on top of it.

export interface RegistryImageName {
  registry: RegistryAddress;
  /** Account or organisation, possibly with sub-groups ('alice', 'acme/data-team'); null for none. */
  namespace: string | null;
  name: string;
  tag: string;
}

/** The image to push, split the way tagging and pushing need it. */
export interface PushTarget {
  registry: RegistryAddress;
  /** '<host>/<path>' without the tag: the `repo` of `docker tag`. */
  repository: string;
  tag: string;
  /** '<repository>:<tag>'. */
  reference: string;
}

export type PushTargetResult = { ok: true; target: PushTarget } | { ok: false; error: { code: string; message: string } };

/** e.g. { docker.io, 'alice', 'pandas', '1.0' } → 'docker.io/alice/pandas:1.0'. */
export function registryImageName(input: RegistryImageName): RegistryImageNameResult {
  const namespace = input.namespace?.trim().replace(/^\/+|\/+$/g, '') ?? '';
  if (input.registry.kind === 'docker-hub' && namespace === '') {
    return { ok: false, error: namespaceRequired() };
  }
  const path = namespace === '' ? input.name : `${namespace}/${input.name}`;
  const written = `${input.registry.host}/${path}:${input.tag}`;
  const target = parsePushTarget(written);
  return target.ok ? { ok: true, reference: target.target.reference } : { ok: false, error: target.error };
}

/** Checks a full reference as a push target: a tag (latest when none), no digest, a registry we can name. */
export function parsePushTarget(reference: string): PushTargetResult {
  const parsed = parseImageReference(reference);
  if (!parsed.ok) return { ok: false, error: { code: parsed.error.code, message: parsed.error.message } };
  const { registry: registryHost, repository, digest } = parsed.reference;
  if (digest !== null) {
    return {
      ok: false,
      error: { code: 'digest-not-pushable', message: 'Push to a tag, not a digest: remove the "@sha256:…" part.' },
    };
  }
  // The parser already reads docker.io and index.docker.io as Docker Hub (registry null).
  const registry = registryForDomain(registryHost);
  if (!registry.ok) return { ok: false, error: registry.error };
  if (registry.address.kind === 'docker-hub' && (!repository.includes('/') || repository.startsWith('library/'))) {
    return { ok: false, error: namespaceRequired() };
  }
  const tag = parsed.reference.tag ?? 'latest';
  const fullRepository = `${registry.address.host}/${repository}`;
  return {
    ok: true,
    target: { registry: registry.address, repository: fullRepository, tag, reference: `${fullRepository}:${tag}` },
  };
}

function namespaceRequired(): { code: string; message: string } {
  return {
    code: 'namespace-required',
    message: 'On Docker Hub an image goes under your account or organisation: name it <account>/<name>.',
  };
}

/**
 * Where to push a local image for a login: the image's own path under that registry, or, for a
 * bare Docker Hub name, under the login's user ('pandas:1' as alice → docker.io/alice/pandas:1).
 */
export function suggestPushReference(image: string, login: LoginRecord | null): RegistryImageNameResult {
  if (login === null) return { ok: false, error: { code: 'login-required', message: 'Log in to that registry first.' } };
  const parsed = parseImageReference(image);
  if (!parsed.ok) return { ok: false, error: { code: parsed.error.code, message: parsed.error.message } };
  const path = parsed.reference.repository.split('/');
  const name = path.pop() ?? parsed.reference.repository;
  const namespace = path.length > 0 ? path.join('/') : login.registry.kind === 'docker-hub' ? login.username : null;
  return registryImageName({ registry: login.registry, namespace, name, tag: parsed.reference.tag ?? 'latest' });
}
