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
 * How `pip freeze` spells the projects whose metadata name differs from the spelling in Elyra's
 * list (their wheels' METADATA `Name`). The bootstrapper compares the spellings exactly, so for
 * these a newer version does not survive: the pin is installed over it at every node start. The
 * image check reads the real `pip freeze`; this table only lets the plan warn before a build.
 */
export const FREEZE_SPELLINGS: Readonly<Record<string, string>> = {
  'ipython-genutils': 'ipython_genutils',
  jinja2: 'Jinja2',
  'jupyter-client': 'jupyter_client',
  'jupyter-core': 'jupyter_core',
  'prompt-toolkit': 'prompt_toolkit',
};

/**
 * A finding for each of the user's packages that Elyra also pins, where the user's version range
 * leaves out Elyra's version. Elyra's bootstrapper installs a pin when the package is older, or
 * when `pip freeze` spells its name differently; a newer one spelled the same is left alone. The
 * hint says which.
 */
export function findElyraConflicts(requirements: readonly ConflictCheckedRequirement[], elyraVersion: ElyraVersion): RequirementFinding[] {
  const release = ELYRA_RELEASES[elyraVersion];
  const findings: RequirementFinding[] = [];
  for (const requirement of requirements) {
    if (requirement.url !== null || requirement.specifier === '') continue;
    const pin = release.pins.find((candidate) => normalizePackageName(candidate.name) === requirement.normalizedName);
    if (pin === undefined || valid(pin.version) === null || allows(pin.version, requirement.specifier)) continue;
    const elyraName = `Elyra ${release.version}`;
    const newerAllowed = commonVersion([requirement.specifier, `>${pin.version}`]) !== null;
    const spelling = FREEZE_SPELLINGS[pin.name];
    const hint = !newerAllowed
      ? `When a pipeline node starts, ${elyraName} installs ${pin.name}==${pin.version} over the older version your range allows.`
      : spelling !== undefined
        ? `Your newer ${pin.name} is downgraded to ${pin.version} at each node start: pip freeze spells it ${spelling}, Elyra's list ${pin.name}, and ${elyraName}'s bootstrapper compares the names exactly.`
        : `${elyraName} keeps your newer ${pin.name} at run time, but it was tested with ${pin.version}; pipelines may behave differently.`;
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
