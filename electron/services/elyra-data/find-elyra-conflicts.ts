import { satisfies, valid } from '@renovatebot/pep440';
import type { ElyraVersion } from '../../contract/domain/elyra';
import type { Requirement, RequirementFinding } from '../../contract/domain/requirements';
import { normalizePackageName } from '../requirements/package-name';
import { commonVersion } from '../requirements/specifier-overlap';
import { ELYRA_RELEASES } from './elyra-releases';

export type ConflictCheckedRequirement = Pick<Requirement, 'name' | 'normalizedName' | 'specifier' | 'url' | 'file' | 'line' | 'raw'>;

function allows(version: string, specifier: string): boolean {
  try {
    return satisfies(version, specifier, { prereleases: true });
  } catch {
    return false;
  }
}

/**
 * A finding for each of the user's packages that Elyra also pins, where the user's version range
 * leaves out Elyra's version. Elyra installs a pin at run time only when the package is missing or
 * older than the pin, so the hint says whether the user's version survives.
 */
export function findElyraConflicts(
  requirements: readonly ConflictCheckedRequirement[],
  elyraVersion: ElyraVersion,
): RequirementFinding[] {
  const release = ELYRA_RELEASES[elyraVersion];
  const findings: RequirementFinding[] = [];
  for (const requirement of requirements) {
    if (requirement.url !== null || requirement.specifier === '') continue;
    const pin = release.pins.find((candidate) => normalizePackageName(candidate.name) === requirement.normalizedName);
    if (pin === undefined || valid(pin.version) === null || allows(pin.version, requirement.specifier)) continue;
    const elyraName = `Elyra ${release.version}`;
    const newerAllowed = commonVersion([requirement.specifier, `>${pin.version}`]) !== null;
    const hint = newerAllowed
      ? `${elyraName} keeps your newer ${pin.name} at run time, but it was tested with ${pin.version}; pipelines may behave differently.`
      : `When a pipeline node starts, ${elyraName} installs ${pin.name}==${pin.version} over the older version your range allows.`;
    findings.push({
      file: requirement.file,
      line: requirement.line,
      raw: requirement.raw,
      severity: 'warning',
      code: 'elyra-pin-conflict',
      message: `${requirement.name}${requirement.specifier} conflicts with ${pin.name}==${pin.version} that ${elyraName} installs at run time`,
      hint,
    });
  }
  return findings;
}
