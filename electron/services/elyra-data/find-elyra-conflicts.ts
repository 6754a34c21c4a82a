import { satisfies, valid } from '@renovatebot/pep440';
import type { ElyraVersion } from '../../contract/domain/elyra';
import type { Requirement, RequirementFinding } from '../../contract/domain/requirements';
import { normalizePackageName } from '../requirements/package-name';
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
 * older, so the hint says which of the two happens.
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
    // Any version the user allows that is below the pin gets replaced by Elyra at every pipeline run.
    const userAllowsOlder = allows('0', requirement.specifier) || !allowsSomethingNewer(pin.version, requirement.specifier);
    const hint = userAllowsOlder
      ? `When a pipeline node starts, Elyra ${release.label.replace(/^Elyra /, '')} installs ${pin.name}==${pin.version} over the older version your range allows.`
      : `Elyra keeps a newer ${pin.name} at run time, but it was tested with ${pin.version}; pipelines may behave differently.`;
    findings.push({
      file: requirement.file,
      line: requirement.line,
      raw: requirement.raw,
      severity: 'warning',
      code: 'elyra-pin-conflict',
      message: `${requirement.name}${requirement.specifier} conflicts with ${pin.name}==${pin.version} that ${release.label} installs at run time`,
      hint,
    });
  }
  return findings;
}

/** Whether the specifier admits some version above the pin (probing the next releases of each part). */
function allowsSomethingNewer(pinVersion: string, specifier: string): boolean {
  const parts = pinVersion.split('.').map((part) => Number.parseInt(part, 10));
  const probes: string[] = [];
  for (let index = 0; index < parts.length; index++) {
    const bumped = parts.slice(0, index + 1).map((part, position) => (position === index ? (Number.isNaN(part) ? 0 : part) + 1 : part));
    probes.push(bumped.join('.'));
  }
  probes.push(`${pinVersion}.1`, '999999');
  return probes.some((probe) => allows(probe, specifier));
}
