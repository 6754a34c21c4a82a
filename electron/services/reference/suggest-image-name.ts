import { normalizePackageName } from '../requirements/package-name';
import { parseImageReference } from './parse-image-reference';

// A name to offer before the user types one: who it belongs to, what is in it, when it was made.

export interface SuggestImageNameInput {
  /** Package names as the user chose them; the first few name the image. */
  packages: readonly string[];
  /**
   * Where the image goes, as the start of a name: 'alice', 'quay.io/alice', '127.0.0.1:5000/team'
   * (from the name the user already has, their settings or a login). Used as written when it is a
   * valid registry and namespace; otherwise the user below is.
   */
  owner?: string;
  /** Registry user or organization (e.g. the Docker Hub account); omitted when unknown. */
  user?: string;
  /** The tag is this date; defaults to now. */
  today?: Date;
}

// Short names people already use for these, so the image name reads like their imports.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  'scikit-learn': 'sklearn',
  'scikit-image': 'skimage',
  'opencv-python': 'opencv',
  'opencv-python-headless': 'opencv',
  'tensorflow-cpu': 'tensorflow',
  beautifulsoup4: 'bs4',
  pillow: 'pil',
};

const MAX_NAMED_PACKAGES = 3;
const MAX_COMPONENT_LENGTH = 64;

/** Lowercase letters and digits with single '-' between them: always a valid path component. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function dateTag(today: Date): string {
  const month = String(today.getMonth() + 1).padStart(2, '0');
  const day = String(today.getDate()).padStart(2, '0');
  return `${today.getFullYear()}.${month}.${day}`;
}

/** 'ribdemo-alpha' of 'ribdemo-alpha[fast]>=1; python_version>"3"': a package named twice is one package. */
function requirementName(text: string): string {
  return /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text)?.[1] ?? text.trim();
}

/** The owner as written when a name under it parses with no caveat (Docker Hub needs a user too). */
function validOwner(owner: string | undefined): string | null {
  const trimmed = owner?.trim().replace(/\/+$/, '') ?? '';
  if (trimmed === '') return null;
  const probe = parseImageReference(`${trimmed}/x:1`);
  return probe.ok && probe.reference.hint === null ? trimmed : null;
}

export function suggestImageName(input: SuggestImageNameInput): string {
  const parts: string[] = [];
  for (const packageName of input.packages) {
    const normalized = normalizePackageName(requirementName(packageName));
    const part = slug(SHORT_NAMES[normalized] ?? normalized);
    if (part !== '' && !parts.includes(part)) parts.push(part);
  }
  const named = parts.slice(0, MAX_NAMED_PACKAGES);
  const words = ['elyra', ...(named.length > 0 ? named : ['runtime'])];
  if (parts.length > MAX_NAMED_PACKAGES) words.push('more');
  const repository = words.join('-').slice(0, MAX_COMPONENT_LENGTH).replace(/-+$/, '');
  const owner =
    validOwner(input.owner) ??
    slug(input.user ?? '')
      .slice(0, MAX_COMPONENT_LENGTH)
      .replace(/-+$/, '');
  return `${owner !== '' ? `${owner}/` : ''}${repository}:${dateTag(input.today ?? new Date())}`;
}

export const dockerHubHelp = [
  "Docker Hub names have the form 'user/name:tag', for example 'alice/elyra-pandas:1.0'.",
  "'user' is your Docker Hub user name or an organization you belong to; names without it (like 'python') are reserved for official images.",
  "'name' uses lowercase letters, digits and single '.', '_' or '-' between them.",
  "The tag after ':' tells versions apart; without one it is 'latest'.",
  "For another registry put its host first: 'quay.io/alice/name:tag' or 'ghcr.io/alice/name:tag'.",
].join('\n');
