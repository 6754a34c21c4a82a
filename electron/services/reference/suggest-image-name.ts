import { normalizePackageName } from '../requirements/package-name';

// A name to offer before the user types one: who it belongs to, what is in it, when it was made.

export interface SuggestImageNameInput {
  /** Package names as the user chose them; the first few name the image. */
  packages: readonly string[];
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
  'beautifulsoup4': 'bs4',
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

export function suggestImageName(input: SuggestImageNameInput): string {
  const parts: string[] = [];
  for (const packageName of input.packages) {
    const normalized = normalizePackageName(packageName.trim());
    const part = slug(SHORT_NAMES[normalized] ?? normalized);
    if (part !== '' && !parts.includes(part)) parts.push(part);
  }
  const named = parts.slice(0, MAX_NAMED_PACKAGES);
  const words = ['elyra', ...(named.length > 0 ? named : ['runtime'])];
  if (parts.length > MAX_NAMED_PACKAGES) words.push('more');
  const repository = words.join('-').slice(0, MAX_COMPONENT_LENGTH).replace(/-+$/, '');
  const user = slug(input.user ?? '').slice(0, MAX_COMPONENT_LENGTH).replace(/-+$/, '');
  return `${user !== '' ? `${user}/` : ''}${repository}:${dateTag(input.today ?? new Date())}`;
}

export const dockerHubHelp = [
  "Docker Hub names have the form 'user/name:tag', for example 'alice/elyra-pandas:1.0'.",
  "'user' is your Docker Hub user name or an organization you belong to; names without it (like 'python') are reserved for official images.",
  "'name' uses lowercase letters, digits and single '.', '_' or '-' between them.",
  "The tag after ':' tells versions apart; without one it is 'latest'.",
  "For another registry put its host first: 'quay.io/alice/name:tag' or 'ghcr.io/alice/name:tag'.",
].join('\n');
