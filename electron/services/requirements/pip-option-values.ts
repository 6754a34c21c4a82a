import type { RequirementFindingCode } from '../../contract/domain/requirements';
import { isValidPackageName } from './package-name';
import { hasUrlCredentials, isFileUrl, isWellFormedUrl, looksLikeLocalPath, urlScheme } from './url-kind';

// Checks the values given to requirements-file options. Each returns null when the value is fine.

export interface ValueProblem {
  code: RequirementFindingCode;
  message: string;
  hint?: string;
  severity: 'error' | 'warning';
}

const STRONG_HASHES: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

/** Hides the secret part of 'https://user:token@host/…' before it goes into a message. */
export function redactUrl(url: string): string {
  if (!hasUrlCredentials(url)) return url;
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#@\s]*@/, '$1***@');
}

export function credentialsProblem(url: string): ValueProblem | null {
  if (!hasUrlCredentials(url)) return null;
  return {
    code: 'url-credentials',
    severity: 'error',
    message: `'${redactUrl(url)}' contains a user name and password or token; they would be stored in the image`,
    hint: 'Use a URL without credentials. Secrets must not go into an image that others can pull.',
  };
}

export function checkIndexUrl(option: string, url: string): ValueProblem | null {
  if (isFileUrl(url) || (urlScheme(url) === null && looksLikeLocalPath(url))) {
    return {
      code: 'file-url',
      severity: 'error',
      message: `'${option}' points to a folder on this computer ('${url}'); the image build cannot see your files`,
    };
  }
  const scheme = urlScheme(url);
  if ((scheme !== 'http' && scheme !== 'https') || !isWellFormedUrl(url)) {
    return { code: 'invalid-url', severity: 'error', message: `'${option}' needs an http:// or https:// URL, not '${url}'` };
  }
  return credentialsProblem(url);
}

export function checkFindLinks(option: string, target: string): ValueProblem | null {
  const scheme = urlScheme(target);
  if (scheme === 'http' || scheme === 'https') {
    if (!isWellFormedUrl(target)) {
      return { code: 'invalid-url', severity: 'error', message: `'${option}' needs an http:// or https:// URL, not '${target}'` };
    }
    return credentialsProblem(target);
  }
  return {
    code: 'find-links-local',
    severity: 'error',
    message: `'${option} ${target}' points to a folder on this computer; the image build cannot see your files`,
    hint: 'Serve the wheels from a web server or package index and give its https:// URL.',
  };
}

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::[0-9]{1,5})?$/;

export function checkTrustedHost(host: string): ValueProblem | null {
  if (HOST.test(host)) return null;
  if (host.includes('://')) {
    const bare = host.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, '').replace(/\/.*$/s, '');
    return {
      code: 'invalid-trusted-host',
      severity: 'error',
      message: `Give '--trusted-host' a host name, not a URL: '--trusted-host ${bare}'`,
    };
  }
  return { code: 'invalid-trusted-host', severity: 'error', message: `'${host}' is not a host name (expected e.g. 'pypi.example.com' or 'host:8080')` };
}

export function checkBinaryOption(option: string, value: string): ValueProblem | null {
  for (const item of value.split(',')) {
    if (item === ':all:' || item === ':none:' || isValidPackageName(item)) continue;
    return {
      code: 'invalid-binary-option',
      severity: 'error',
      message: `'${option}' takes ':all:', ':none:' or package names separated by ',', not '${item}'`,
    };
  }
  return null;
}

export type HashCheck = { ok: true; hash: string } | { ok: false; problem: ValueProblem };

export function checkHash(value: string): HashCheck {
  const colon = value.indexOf(':');
  if (colon < 0) {
    return {
      ok: false,
      problem: { code: 'invalid-hash', severity: 'error', message: "'--hash' needs an algorithm and a digest, like '--hash=sha256:<64 hex digits>'" },
    };
  }
  const algorithm = value.slice(0, colon);
  const digest = value.slice(colon + 1);
  const length = STRONG_HASHES[algorithm];
  if (length === undefined) {
    return {
      ok: false,
      problem: { code: 'invalid-hash', severity: 'error', message: `pip accepts only sha256, sha384 and sha512 hashes, not '${algorithm}'` },
    };
  }
  if (/^[0-9A-F]+$/.test(digest) && /[A-F]/.test(digest) && digest.length === length) {
    // pip compares digests as text against lowercase hexdigest(), so an uppercase one never matches.
    return {
      ok: false,
      problem: { code: 'invalid-hash', severity: 'error', message: `Write the ${algorithm} digest in lowercase: pip compares digests as text` },
    };
  }
  if (!/^[0-9a-f]*$/.test(digest) || digest.length !== length) {
    return {
      ok: false,
      problem: {
        code: 'invalid-hash',
        severity: 'error',
        message: `A ${algorithm} digest is ${length} hexadecimal digits; '${digest}' is not one`,
      },
    };
  }
  return { ok: true, hash: `${algorithm}:${digest}` };
}
