import type { RequirementFindingCode, VcsKind } from '../../contract/domain/requirements';
import { parseMarker } from './marker-syntax';
import { isValidPackageName, normalizePackageName } from './package-name';
import { checkSpecifier } from './specifier-syntax';
import {
  archiveNameOf,
  eggNameOf,
  hasArchiveExtension,
  isFileUrl,
  isPipUrl,
  isWellFormedUrl,
  looksLikeLocalPath,
  repositoryNameOf,
  vcsKindOf,
} from './url-kind';

// One requirement as pip reads it from a line: a PEP 508 string ('name[extras] specifier ; marker' or
// 'name @ url ; marker') or a bare URL. Paths and file: URLs are recognized here and refused, because
// an image build cannot reach the user's disk.

export interface RequirementSyntax {
  name: string;
  /** The URL carries no name: `name` is taken from the repository's path until pip builds it. */
  nameGuessed: boolean;
  extras: string[];
  specifier: string;
  marker: string | null;
  url: string | null;
  vcs: VcsKind | null;
  usesExtraMarker: boolean;
}

export type RequirementSyntaxResult = { ok: true; value: RequirementSyntax } | { ok: false; code: RequirementFindingCode; message: string; hint?: string };

type Failure = Extract<RequirementSyntaxResult, { ok: false }>;

const NAME_AT_START = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?/;
// What may follow a name in PEP 508: the end, spaces, extras, a specifier, a marker or '@ url'.
const AFTER_NAME = /^($|[\s[(<>=!~;@])/;
const NAME_RULE = "a name starts and ends with a letter or digit and contains only letters, digits, '.', '-' and '_'";

const PATH_HINT = 'Publish the package to an index, or install it from an https:// URL, so the image build can download it.';

function localPath(path: string): Failure {
  return {
    ok: false,
    code: 'local-path',
    message: `'${path}' is a path on this computer; the image build cannot see your files`,
    hint: PATH_HINT,
  };
}

function fileUrl(url: string): Failure {
  return {
    ok: false,
    code: 'file-url',
    message: `'${url}' points to a file on this computer; the image build cannot see your files`,
    hint: PATH_HINT,
  };
}

function checkUrl(url: string): Failure | null {
  if (isFileUrl(url)) return fileUrl(url);
  if (!isPipUrl(url) || !isWellFormedUrl(url)) {
    return {
      ok: false,
      code: 'invalid-url',
      message: `'${url}' is not a URL pip can install from (expected https://…, or git+https://… for a repository)`,
    };
  }
  return null;
}

function parseBareUrl(text: string): RequirementSyntaxResult {
  // pip only splits a URL from its marker at '; ' (with the space), since ';' is legal inside URLs.
  const separator = text.indexOf('; ');
  const url = (separator >= 0 ? text.slice(0, separator) : text).trim();
  const markerText = separator >= 0 ? text.slice(separator + 2) : null;
  if (/\s/.test(url)) {
    return { ok: false, code: 'unexpected-text', message: `Unexpected text after the URL: '${url.slice(url.search(/\s/)).trim()}'` };
  }
  const urlProblem = checkUrl(url);
  if (urlProblem !== null) return urlProblem;
  const named = eggNameOf(url) ?? archiveNameOf(url);
  // pip installs a repository without a name (it reads the name from the project once built).
  const guessed = named === null && vcsKindOf(url) !== null ? repositoryNameOf(url) : null;
  const name = named ?? guessed;
  if (name === null) {
    return {
      ok: false,
      code: 'url-without-name',
      message: `Name the package this URL installs: 'name @ ${url}'`,
      hint: 'With a name, duplicates and conflicts with Elyra can be checked before the build.',
    };
  }
  const marker = markerText === null ? null : parseMarker(markerText);
  if (marker !== null && !marker.ok) return { ok: false, code: marker.code, message: marker.message };
  return {
    ok: true,
    value: {
      name,
      nameGuessed: guessed !== null,
      extras: [],
      specifier: '',
      marker: marker?.text ?? null,
      url,
      vcs: vcsKindOf(url),
      usesExtraMarker: marker?.usesExtra ?? false,
    },
  };
}

function parseExtras(inner: string, name: string): { ok: true; extras: string[] } | Failure {
  if (inner.trim() === '') return { ok: true, extras: [] };
  const extras: string[] = [];
  for (const item of inner.split(',').map((part) => part.trim())) {
    if (item === '') return { ok: false, code: 'invalid-extras', message: `Empty extra in '${name}[${inner}]'` };
    if (/\s/.test(item)) {
      return {
        ok: false,
        code: 'invalid-extras',
        message: `Separate extras with ',': '${name}[${item.split(/\s+/).join(', ')}]'`,
      };
    }
    if (!isValidPackageName(item)) {
      return { ok: false, code: 'invalid-extras', message: `'${item}' is not a valid extra name: ${NAME_RULE}` };
    }
    extras.push(normalizePackageName(item));
  }
  return { ok: true, extras };
}

function parseUrlPart(rest: string, base: Omit<RequirementSyntax, 'url' | 'vcs' | 'marker' | 'usesExtraMarker'>): RequirementSyntaxResult {
  const afterAt = rest.trimStart();
  const url = /^\S+/.exec(afterAt)?.[0];
  if (url === undefined) return { ok: false, code: 'invalid-url', message: `Missing URL after '${base.name} @'` };
  if (url.includes(';')) {
    return {
      ok: false,
      code: 'url-marker-space',
      message: "Put a space before ';' after a URL: without it pip reads the marker as part of the URL",
    };
  }
  const urlProblem = checkUrl(url);
  if (urlProblem !== null) return urlProblem;
  const tail = afterAt.slice(url.length);
  const tailTrimmed = tail.trim();
  let marker: ReturnType<typeof parseMarker> | null = null;
  if (tailTrimmed !== '') {
    if (!tailTrimmed.startsWith(';')) {
      return { ok: false, code: 'unexpected-text', message: `Unexpected text after the URL: '${tailTrimmed}'` };
    }
    marker = parseMarker(tailTrimmed.slice(1));
    if (!marker.ok) return { ok: false, code: marker.code, message: marker.message };
  }
  return {
    ok: true,
    value: {
      ...base,
      url,
      vcs: vcsKindOf(url),
      marker: marker?.ok === true ? marker.text : null,
      usesExtraMarker: marker?.ok === true ? marker.usesExtra : false,
    },
  };
}

function parseNamed(text: string, name: string): RequirementSyntaxResult {
  let rest = text.slice(name.length).trimStart();
  let extras: string[] = [];
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return { ok: false, code: 'invalid-extras', message: `Missing ']' after the extras of '${name}'` };
    const parsed = parseExtras(rest.slice(1, close), name);
    if (!parsed.ok) return parsed;
    extras = parsed.extras;
    rest = rest.slice(close + 1).trimStart();
  }
  if (rest.startsWith('@')) return parseUrlPart(rest.slice(1), { name, nameGuessed: false, extras, specifier: '' });

  const semicolon = rest.indexOf(';');
  let specifierText = (semicolon >= 0 ? rest.slice(0, semicolon) : rest).trim();
  if (specifierText.startsWith('(')) {
    if (!specifierText.endsWith(')')) {
      return { ok: false, code: 'invalid-specifier', message: `Missing ')' after the version specifier of '${name}'` };
    }
    specifierText = specifierText.slice(1, -1);
  }
  const specifier = checkSpecifier(specifierText, name);
  if (!specifier.ok) return { ok: false, code: specifier.code, message: specifier.message };

  let marker: string | null = null;
  let usesExtraMarker = false;
  if (semicolon >= 0) {
    const parsed = parseMarker(rest.slice(semicolon + 1));
    if (!parsed.ok) return { ok: false, code: parsed.code, message: parsed.message };
    marker = parsed.text;
    usesExtraMarker = parsed.usesExtra;
  }
  return {
    ok: true,
    value: { name, nameGuessed: false, extras, specifier: specifier.canonical, marker, url: null, vcs: null, usesExtraMarker },
  };
}

export function parseRequirementText(input: string): RequirementSyntaxResult {
  const text = input.trim();
  if (isPipUrl(text)) return parseBareUrl(text);

  const name = NAME_AT_START.exec(text)?.[0];
  const nameShaped = name !== undefined && AFTER_NAME.test(text.slice(name.length));
  if (!nameShaped) {
    const firstWord = /^[^\s;]*/.exec(text)?.[0] ?? text;
    if (text.startsWith('@')) return { ok: false, code: 'invalid-name', message: "Missing package name before '@'" };
    if (looksLikeLocalPath(firstWord)) return localPath(firstWord);
    const token = /^[^\s[(<>=!~;@,]*/.exec(text)?.[0] || text;
    return { ok: false, code: 'invalid-name', message: `'${token}' is not a valid package name: ${NAME_RULE}` };
  }
  // pip takes 'foo.whl' or 'dist/foo-1.0.tar.gz' for a file name, not a project name.
  const beforeMarker = text.split(';')[0] ?? text;
  if (!beforeMarker.includes('@') && hasArchiveExtension(name) && /^($|[\s;[])/.test(text.slice(name.length))) {
    return localPath(name);
  }
  return parseNamed(text, name);
}
