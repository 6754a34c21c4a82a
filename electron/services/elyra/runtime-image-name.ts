import { RUNTIME_IMAGE_NAME_MAX, RUNTIME_IMAGE_NAME_PATTERN } from '../../contract/domain/elyra-metadata';

// The instance name is the file name (`<name>.json`) and what `elyra-metadata --name` takes. Elyra
// derives one from the display name itself (MetadataManager.get_normalized_name: lowercase, spaces
// to '_', other characters dropped, 'a_' prefix) but drops accented letters and crashes on an empty
// result; ours keeps 'é' as 'e', turns punctuation into a separator ("Pandas 2.3" → "pandas_2_3"),
// and always returns a valid name.

const FALLBACK = 'runtime_image';

function trimSeparators(value: string): string {
  return value.replace(/^[-_]+/, '').replace(/[-_]+$/, '');
}

export function isValidRuntimeImageName(name: string): boolean {
  return name.length <= RUNTIME_IMAGE_NAME_MAX && RUNTIME_IMAGE_NAME_PATTERN.test(name);
}

export function runtimeImageName(displayName: string): string {
  let name = displayName
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '') // accents, once NFKD has split them off their letters
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '_')
    // A run of separators becomes one: '-' only if the run was all hyphens.
    .replace(/[-_]{2,}/g, (run) => (/^-+$/.test(run) ? '-' : '_'));
  name = trimSeparators(name);
  if (name === '') return FALLBACK;
  if (!/^[a-z]/.test(name)) name = `image_${name}`;
  if (name.length > RUNTIME_IMAGE_NAME_MAX) name = trimSeparators(name.slice(0, RUNTIME_IMAGE_NAME_MAX));
  // The pattern needs two characters at least (first a letter, last a letter or digit).
  if (name.length < 2) name = `${name}_image`;
  return name;
}

/** `name`, or `name_2`, `name_3`, … — the first not in `taken`, still within the length limit. */
export function freeRuntimeImageName(name: string, taken: ReadonlySet<string>): string {
  if (!taken.has(name)) return name;
  for (let n = 2; ; n += 1) {
    const suffix = `_${n}`;
    const candidate = `${trimSeparators(name.slice(0, RUNTIME_IMAGE_NAME_MAX - suffix.length))}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
