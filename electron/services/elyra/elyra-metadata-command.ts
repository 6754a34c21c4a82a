import type { RuntimeImageMetadata } from '../../contract/domain/elyra-metadata';
import { shellQuote } from './shell-quote';

// The `elyra-metadata create runtime-images …` line that makes the same instance as the file we
// write. Elyra's CLI turns every property of the runtime-image schema into an option of the same
// name (--display_name, --description, --image_name, --tags, --pull_policy, --pull_secret); the
// schema has only the one schema, so --schema_name is not needed.
//
// Each option is written as `--option=value`. Elyra's CLI also takes `--option value`, but then a
// value that begins with "--" is read as the next option; with "=" any value is taken whole.
// Tags go as a Python list literal: the CLI reads `a,b` by splitting on commas (a tag with a comma
// would break) and `[…]` with ast.literal_eval, and a JSON array of strings is a valid Python literal.

export interface ElyraMetadataCommandInput {
  name: string;
  metadata: RuntimeImageMetadata;
}

function option(flag: string, value: string): string {
  return `--${flag}=${shellQuote(value)}`;
}

export function elyraMetadataCommand({ name, metadata }: ElyraMetadataCommandInput): string {
  const { description, image_name, tags, pull_policy, pull_secret } = metadata.metadata;
  const parts = ['elyra-metadata', 'create', 'runtime-images', option('name', name), option('display_name', metadata.display_name)];
  // An empty value would break the CLI's own argument bookkeeping, and is optional anyway.
  if (description !== undefined && description !== '') parts.push(option('description', description));
  parts.push(option('image_name', image_name));
  if (tags !== undefined && tags.length > 0) parts.push(option('tags', JSON.stringify(tags)));
  if (pull_policy !== undefined) parts.push(option('pull_policy', pull_policy));
  if (pull_secret !== undefined) parts.push(option('pull_secret', pull_secret));
  return parts.join(' ');
}
