import type { ImageReference, ImageReferenceError, ImageReferenceErrorCode, ImageReferenceResult } from '../../contract/domain/reference';

// Messages never embed the position: it is a separate field, so a caller can point at the
// character or add 'at character N' itself.
//
// The reference grammar of distribution/reference (what Docker and every registry client use), with
// messages that say what to change. Two deliberate differences, both to catch typos early:
//  - a first component without '.' or ':' and other than 'localhost' is never a registry host, so
//    'Alice/pandas' is "must be lowercase", not a push to a host named Alice;
//  - 'localhost:5000' or 'quay.io' alone are reported as registries missing a repository, where
//    Docker would read them as an image 'localhost' with tag '5000', or a Docker Hub image 'quay.io'.

export const NAME_TOTAL_LENGTH_MAX = 255;
export const TAG_LENGTH_MAX = 128;

const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*$/;
const DOMAIN_COMPONENT = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const TAG = /^[\w][\w.-]*$/;
const DOCKER_HUB_DOMAINS = new Set(['docker.io', 'index.docker.io']);
const WELL_KNOWN_REGISTRY = /(^|\.)(docker\.io|quay\.io|ghcr\.io|gcr\.io|pkg\.dev|gitlab\.com|ecr\.aws|azurecr\.io|amazonaws\.com|nvcr\.io)$/;

class ImageReferenceFailure extends Error {
  constructor(
    readonly code: ImageReferenceErrorCode,
    message: string,
    readonly position: number | null,
  ) {
    super(message);
  }
}

function fail(code: ImageReferenceErrorCode, message: string, position: number | null = null): never {
  throw new ImageReferenceFailure(code, message, position);
}

function checkDigest(digest: string, offset: number): void {
  if (digest.includes('@')) fail('digest-extra-at', "Only one '@' is allowed, before the digest", offset + digest.indexOf('@') + 1);
  const colon = digest.indexOf(':');
  const algorithm = colon >= 0 ? digest.slice(0, colon) : '';
  if (colon < 0 || !/^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*$/.test(algorithm)) {
    fail('digest-invalid', "A digest is 'sha256:' followed by 64 hex digits", offset + 1);
  }
  if (algorithm !== 'sha256') fail('digest-algorithm', `Only sha256 digests are supported, not '${algorithm}'`, offset + 1);
  const hex = digest.slice(colon + 1);
  if (!/^[a-f0-9]{64}$/.test(hex)) {
    const bad = /[^a-f0-9]/.exec(hex);
    if (bad !== null) {
      fail('digest-invalid', `A sha256 digest has only the hex digits 0-9 and a-f (lowercase); found '${bad[0]}'`, offset + colon + 2 + bad.index);
    }
    fail('digest-invalid', `A sha256 digest has 64 hex digits; this one has ${hex.length}`, offset + colon + 2);
  }
}

function checkTag(tag: string, offset: number): void {
  if (tag === '') fail('tag-empty', "Tag is empty after ':'", offset);
  if (tag.startsWith('.') || tag.startsWith('-')) fail('tag-start', "A tag cannot start with '.' or '-'", offset + 1);
  const bad = /[^\w.-]/.exec(tag);
  if (bad !== null) {
    fail('tag-invalid-char', `'${bad[0]}' is not allowed in a tag; use letters, digits, '_', '.' and '-'`, offset + 1 + bad.index);
  }
  if (tag.length > TAG_LENGTH_MAX) fail('tag-too-long', `Tag too long (max ${TAG_LENGTH_MAX} characters)`, offset + 1 + TAG_LENGTH_MAX);
  if (!TAG.test(tag)) fail('tag-invalid-char', `'${tag}' is not a valid tag`, offset + 1);
}

function checkPort(port: string, offset: number): void {
  const value = /^[0-9]+$/.test(port) ? Number(port) : Number.NaN;
  if (!(value >= 1 && value <= 65535)) fail('port-invalid', `Port must be a number 1–65535, not '${port}'`, offset + 1);
}

function checkDomain(domain: string): void {
  if (domain.startsWith('[')) {
    const close = domain.indexOf(']');
    if (close < 0) fail('ipv6-unclosed', "Missing ']' after the IPv6 address of the registry", 1);
    const address = domain.slice(1, close);
    if (!/^[0-9A-Fa-f:]+$/.test(address)) fail('registry-invalid', `'${address}' is not an IPv6 address`, 2);
    const rest = domain.slice(close + 1);
    if (rest === '') return;
    if (!rest.startsWith(':')) fail('registry-invalid', `Unexpected '${rest}' after the IPv6 address`, close + 2);
    checkPort(rest.slice(1), close + 2);
    return;
  }
  const colon = domain.indexOf(':');
  const host = colon >= 0 ? domain.slice(0, colon) : domain;
  let offset = 0;
  for (const component of host.split('.')) {
    if (component === '') fail('registry-invalid', `Registry host '${host}' has an empty part`, offset + 1);
    const bad = /[^A-Za-z0-9-]/.exec(component);
    if (bad !== null) {
      fail('registry-invalid', `'${bad[0]}' is not allowed in a registry host name`, offset + bad.index + 1);
    }
    if (!DOMAIN_COMPONENT.test(component)) {
      fail('registry-invalid', `A registry host name part cannot start or end with '-': '${component}'`, offset + 1);
    }
    offset += component.length + 1;
  }
  if (colon >= 0) checkPort(domain.slice(colon + 1), colon + 1);
}

function checkPathComponent(component: string, offset: number): void {
  const upper = /[A-Z]/.exec(component);
  if (upper !== null) fail('uppercase', `Repository names must be lowercase: '${component}'`, offset + upper.index + 1);
  const bad = /[^a-z0-9._-]/.exec(component);
  if (bad !== null) {
    fail('path-invalid-char', `'${bad[0]}' is not allowed in a repository name`, offset + bad.index + 1);
  }
  if (/^[._-]|[._-]$/.test(component)) {
    fail('path-separator-edge', `A repository name part must start and end with a letter or digit: '${component}'`, offset + 1);
  }
  if (!PATH_COMPONENT.test(component)) {
    fail('path-separator', `Only '.', '_', '__' or dashes may separate letters and digits: '${component}'`, offset + 1);
  }
}

function checkPath(path: string, offset: number, domain: string | null): void {
  if (path === '') fail('missing-repository', `Add the repository name after '${domain ?? ''}/'`, offset + 1);
  let position = offset;
  const components = path.split('/');
  components.forEach((component, index) => {
    if (component === '') {
      if (index === components.length - 1) fail('path-empty-component', "A repository name cannot end with '/'", position);
      fail('path-empty-component', "Empty name part between two '/'", position + 1);
    }
    checkPathComponent(component, position);
    position += component.length + 1;
  });
}

function isDomain(first: string): boolean {
  return first.includes('.') || first.includes(':') || first === 'localhost' || first.startsWith('[');
}

function describe(domain: string | null, repository: string, tag: string | null, digest: string | null): ImageReference {
  const registry = domain === null || DOCKER_HUB_DOMAINS.has(domain) ? null : domain;
  const suffix = `${tag !== null ? `:${tag}` : ''}${digest !== null ? `@${digest}` : ''}`;
  const hubRepository = registry === null && !repository.includes('/') ? `library/${repository}` : repository;
  const familiarRepository =
    registry === null && hubRepository.startsWith('library/') && !hubRepository.slice('library/'.length).includes('/')
      ? hubRepository.slice('library/'.length)
      : hubRepository;
  const familiar = `${registry === null ? '' : `${registry}/`}${familiarRepository}${suffix}`;
  const full = `${registry ?? 'docker.io'}/${hubRepository}${tag === null && digest === null ? ':latest' : suffix}`;
  const hint =
    registry === null && !repository.includes('/')
      ? `On Docker Hub, push as 'your-user/${repository}': names without a user are reserved for official images`
      : null;
  return { domain, registry, repository, tag, digest, familiar, full, hint };
}

function parse(input: string): ImageReference {
  if (input === '') fail('empty', "Enter an image name, like 'alice/my-image:1.0'");
  const space = /\s/.exec(input);
  if (space !== null) fail('whitespace', 'Image names cannot contain spaces', space.index + 1);
  const scheme = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//.exec(input);
  if (scheme !== null) {
    fail('scheme', `Leave out '${scheme[0]}': an image name starts with the registry host, like 'quay.io/alice/image'`, 1);
  }

  const at = input.indexOf('@');
  const nameAndTag = at >= 0 ? input.slice(0, at) : input;
  const digest = at >= 0 ? input.slice(at + 1) : null;

  const lastSlash = nameAndTag.lastIndexOf('/');
  const tagColon = nameAndTag.indexOf(':', lastSlash + 1);
  const name = tagColon >= 0 ? nameAndTag.slice(0, tagColon) : nameAndTag;
  const tag = tagColon >= 0 ? nameAndTag.slice(tagColon + 1) : null;

  const firstSlash = name.indexOf('/');
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : name;
  const domain = firstSlash >= 0 && isDomain(first) ? first : null;
  const repository = domain !== null ? name.slice(firstSlash + 1) : name;

  if (domain === null && firstSlash < 0) {
    if (name === 'localhost' || (tag !== null && /^[0-9]+$/.test(tag) && name.includes('.'))) {
      fail('missing-repository', `'${nameAndTag}' is a registry address; add a repository name: '${nameAndTag}/my-image'`, nameAndTag.length);
    }
    if (WELL_KNOWN_REGISTRY.test(name)) {
      fail('missing-repository', `'${name}' is a registry; add the repository after it: '${name}/your-user/my-image'`, name.length);
    }
  }
  if (domain !== null) checkDomain(domain);
  checkPath(repository, domain !== null ? domain.length + 1 : 0, domain);
  if (name.length > NAME_TOTAL_LENGTH_MAX) {
    fail('name-too-long', `Image name too long (${name.length} characters, max ${NAME_TOTAL_LENGTH_MAX})`, NAME_TOTAL_LENGTH_MAX + 1);
  }
  if (tag !== null) checkTag(tag, tagColon + 1);
  if (digest !== null) checkDigest(digest, at + 1);
  return describe(domain, repository, tag, digest);
}

/** Validates a reference as typed; never throws. */
export function parseImageReference(input: string): ImageReferenceResult {
  try {
    return { ok: true, reference: parse(input) };
  } catch (error) {
    if (error instanceof ImageReferenceFailure) {
      const result: ImageReferenceError = { code: error.code, message: error.message, position: error.position };
      return { ok: false, error: result };
    }
    return { ok: false, error: { code: 'empty', message: 'This image name cannot be read', position: null } };
  }
}

/** The reference as written, from its parts. */
export function formatImageReference(reference: Pick<ImageReference, 'domain' | 'repository' | 'tag' | 'digest'>): string {
  return `${reference.domain !== null ? `${reference.domain}/` : ''}${reference.repository}${reference.tag !== null ? `:${reference.tag}` : ''}${
    reference.digest !== null ? `@${reference.digest}` : ''
  }`;
}
