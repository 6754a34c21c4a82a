import type { Requirement } from '../../contract/domain/requirements';

export type FormattableRequirement = Pick<Requirement, 'name' | 'extras' | 'specifier' | 'marker' | 'url' | 'hashes'> &
  Partial<Pick<Requirement, 'configSettings'>>;

/**
 * One canonical requirements.txt line for a requirement; parseRequirements reads it back to the same
 * requirement. A URL's marker needs the space before ';', or pip reads the marker as part of the URL.
 */
export function formatRequirement(requirement: FormattableRequirement): string {
  const extras = requirement.extras.length > 0 ? `[${requirement.extras.join(',')}]` : '';
  const target = requirement.url !== null ? ` @ ${requirement.url}` : requirement.specifier;
  const marker = requirement.marker === null ? '' : requirement.url !== null ? ` ; ${requirement.marker}` : `; ${requirement.marker}`;
  const options = [
    ...requirement.hashes.map((hash) => ` --hash=${hash}`),
    ...(requirement.configSettings ?? []).map((setting) => ` --config-settings=${quoteIfNeeded(setting)}`),
  ].join('');
  return `${requirement.name}${extras}${target}${marker}${options}`;
}

// Options are split like a shell line, so a value with spaces or quotes must be quoted to survive.
function quoteIfNeeded(value: string): string {
  if (value !== '' && /^[^\s'"\\]+$/.test(value)) return value;
  return `'${value.replace(/'/g, `'"'"'`)}'`;
}
