import { RuntimeImageInput, RuntimeImageMetadata } from '../../contract/domain/elyra-metadata';
import { AppError } from '../../contract/errors';

// Builds the runtime-image instance from the form, tidying what a person types (spaces around tags,
// repeated tags, empty optional fields) and refusing what Elyra would reject, with a message that
// names the field.

const FIELD_LABELS: Record<string, string> = {
  displayName: 'Display name',
  imageName: 'Image name',
  display_name: 'Display name',
  'metadata.image_name': 'Image name',
  'metadata.tags': 'Tags',
  'metadata.pull_policy': 'Pull policy',
  'metadata.pull_secret': 'Image pull secret',
};

function fieldLabel(pathParts: readonly PropertyKey[]): string {
  const key = pathParts.filter((part) => typeof part === 'string').join('.');
  return FIELD_LABELS[key] ?? (key || 'Runtime image');
}

function tidyTags(tags: readonly string[] | undefined): string[] {
  const seen = new Set<string>();
  for (const tag of tags ?? []) {
    const clean = tag.trim().replace(/\s+/g, ' ');
    if (clean !== '') seen.add(clean);
  }
  return [...seen];
}

/** The instance exactly as it will be written. Throws AppError('invalid-input') naming the field. */
export function buildRuntimeImageMetadata(input: RuntimeImageInput): RuntimeImageMetadata {
  const parsedInput = RuntimeImageInput.safeParse(input);
  if (!parsedInput.success) {
    const issue = parsedInput.error.issues[0];
    throw new AppError('invalid-input', `${fieldLabel(issue?.path ?? [])}: ${issue?.message ?? 'invalid value'}`);
  }
  const { displayName, description, tags, imageName, pullPolicy, pullSecret } = parsedInput.data;
  const metadata: RuntimeImageMetadata['metadata'] = { image_name: imageName };
  const cleanDescription = description?.trim() ?? '';
  if (cleanDescription !== '') metadata.description = cleanDescription;
  const cleanTags = tidyTags(tags);
  if (cleanTags.length > 0) metadata.tags = cleanTags;
  if (pullPolicy !== undefined && pullPolicy !== null) metadata.pull_policy = pullPolicy;
  const cleanSecret = pullSecret?.trim() ?? '';
  if (cleanSecret !== '') metadata.pull_secret = cleanSecret;

  const candidate = { display_name: displayName, metadata, schema_name: 'runtime-image' };
  const checked = RuntimeImageMetadata.safeParse(candidate);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new AppError('invalid-input', `${fieldLabel(issue?.path ?? [])}: ${issue?.message ?? 'invalid value'}`);
  }
  return checked.data;
}

/** The file's bytes: 2-space indented like Elyra's json.dump(indent=2), with a final newline. */
export function runtimeImageJson(metadata: RuntimeImageMetadata): string {
  return `${JSON.stringify(metadata, null, 2)}\n`;
}

/** Checks any value (a file read back, a plan from elsewhere) against the runtime-image rules. */
export function checkRuntimeImageMetadata(value: unknown): { ok: true; metadata: RuntimeImageMetadata } | { ok: false; problems: string[] } {
  const parsed = RuntimeImageMetadata.safeParse(value);
  if (parsed.success) return { ok: true, metadata: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((issue) => `${fieldLabel(issue.path)}: ${issue.message}`) };
}

/**
 * A description from the package list ("pandas==2.2.3, numpy, scikit-learn>=1.5"), shortened to
 * `maxLength` with a count of what was left out, since Elyra shows it in a tooltip.
 */
export function packageListDescription(packages: readonly string[], maxLength = 400): string {
  const all = packages.map((p) => p.trim()).filter((p) => p !== '');
  const parts: string[] = [];
  for (const [index, pkg] of all.entries()) {
    const left = all.length - index - 1;
    const candidate = [...parts, pkg].join(', ') + (left > 0 ? ` … and ${left} more` : '');
    if (parts.length > 0 && candidate.length > maxLength) return `${parts.join(', ')} … and ${all.length - parts.length} more`;
    parts.push(pkg);
  }
  return parts.join(', ');
}
