import type { Requirement, RequirementFinding } from '../../contract/domain/requirements';
import type { OptionSource } from './parse-requirement-lines';
import { commonVersion, specifiersOverlap } from './specifier-overlap';
import { specifierClauses } from './specifier-syntax';
import { hostOfUrl, urlScheme } from './url-kind';

// Checks that need all lines (of all included files) at once.

export interface Located {
  file: string;
  line: number;
}

export interface RequirementSetInput {
  requirements: readonly Requirement[];
  constraints: readonly Requirement[];
  optionSources: readonly OptionSource[];
  /**
   * How messages name a place. By default "line N" (of the same file) or "<file> line N"; text that
   * is not a file (the app's joined package list) names its own rows instead.
   */
  describe?: Where;
}

function fileLine(subject: Located, other: Located): string {
  return subject.file === other.file ? `line ${subject.line}` : `${subject.file} line ${subject.line}`;
}

type Where = (subject: Located, other: Located) => string;

function display(requirement: Requirement): string {
  return `${requirement.name}${requirement.specifier}`;
}

function finding(
  at: { file: string; line: number; raw: string },
  severity: RequirementFinding['severity'],
  code: RequirementFinding['code'],
  message: string,
): RequirementFinding {
  return { file: at.file, line: at.line, raw: at.raw, severity, code, message };
}

function checkDuplicates(requirements: readonly Requirement[], where: Where): RequirementFinding[] {
  const findings: RequirementFinding[] = [];
  // The same package under different markers is the usual way to pick versions per platform, not a duplicate.
  const groups = new Map<string, Requirement[]>();
  for (const requirement of requirements) {
    const key = `${requirement.normalizedName}\u0000${requirement.marker ?? ''}`;
    const group = groups.get(key) ?? [];
    group.push(requirement);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    for (let index = 1; index < group.length; index++) {
      const current = group[index];
      const first = group[0];
      if (current === undefined || first === undefined) continue;
      const earlier = group.slice(0, index);
      const pinned = earlier.filter((other) => other.url === null && other.specifier !== '');
      const conflicting = current.url === null ? pinned.find((other) => !specifiersOverlap(other.specifier, current.specifier)) : undefined;
      if (conflicting !== undefined) {
        findings.push(
          finding(
            current,
            'error',
            'conflicting-requirements',
            `${display(current)} (${where(current, current)}) conflicts with ${display(conflicting)} (${where(conflicting, current)}): no version satisfies both`,
          ),
        );
        continue;
      }
      if (current.url === null && pinned.length > 1 && commonVersion([...pinned.map((other) => other.specifier), current.specifier]) === null) {
        const lines = earlier.map((other) => where(other, current)).join(', ');
        findings.push(
          finding(
            current,
            'error',
            'conflicting-requirements',
            `${display(current)} (${where(current, current)}) together with ${lines} leaves no version of ${current.name} to install`,
          ),
        );
        continue;
      }
      findings.push(
        finding(current, 'warning', 'duplicate-requirement', `${current.name} is listed twice: ${where(first, current)} and ${where(current, current)}`),
      );
    }
  }
  return findings;
}

function checkConstraints(requirements: readonly Requirement[], constraints: readonly Requirement[], where: Where): RequirementFinding[] {
  const findings: RequirementFinding[] = [];
  for (const requirement of requirements) {
    if (requirement.url !== null) continue;
    const clash = constraints.find(
      (constraint) =>
        constraint.normalizedName === requirement.normalizedName &&
        constraint.url === null &&
        (constraint.marker === null || constraint.marker === requirement.marker) &&
        !specifiersOverlap(constraint.specifier, requirement.specifier),
    );
    if (clash === undefined) continue;
    findings.push(
      finding(
        requirement,
        'error',
        'constraint-conflict',
        `${display(requirement)} (${where(requirement, requirement)}) conflicts with the constraint ${display(clash)} (${where(clash, requirement)}): no version satisfies both`,
      ),
    );
  }
  return findings;
}

function isPinned(requirement: Requirement): boolean {
  if (requirement.url !== null) return true;
  const clauses = specifierClauses(requirement.specifier);
  const only = clauses[0];
  return clauses.length === 1 && only !== undefined && (only.op === '===' || (only.op === '==' && !only.version.endsWith('.*')));
}

function checkHashMode(requirements: readonly Requirement[], optionSources: readonly OptionSource[], where: Where): RequirementFinding[] {
  const hashed = requirements.find((requirement) => requirement.hashes.length > 0);
  const required = optionSources.find((source) => source.key === 'require-hashes');
  if (hashed === undefined && required === undefined) return [];
  const findings: RequirementFinding[] = [];
  for (const requirement of requirements) {
    if (requirement.hashes.length === 0) {
      const reason =
        hashed !== undefined
          ? `${where(hashed, requirement)} has one: pip then requires a hash for every package`
          : `'--require-hashes' (${where(required ?? requirement, requirement)}) requires one for every package`;
      findings.push(finding(requirement, 'error', 'hashes-incomplete', `${requirement.name} has no '--hash', but ${reason}`));
    }
    if (!isPinned(requirement)) {
      findings.push(finding(requirement, 'error', 'hash-needs-pin', `With hashes, every package must be pinned with '==': ${display(requirement)} is not`));
    }
  }
  return findings;
}

function checkIndexOptions(optionSources: readonly OptionSource[], where: Where): RequirementFinding[] {
  const findings: RequirementFinding[] = [];
  const indexUrls = optionSources.filter((source) => source.key === 'index-url');
  const firstIndex = indexUrls[0];
  for (const later of indexUrls.slice(1)) {
    if (firstIndex === undefined || later.value === firstIndex.value) continue;
    findings.push(
      finding(later, 'warning', 'repeated-index-url', `'--index-url' is set again (first at ${where(firstIndex, later)}); pip uses only the last one`),
    );
  }
  const trusted = new Set(optionSources.filter((source) => source.key === 'trusted-host').map((source) => source.value.replace(/:[0-9]+$/, '').toLowerCase()));
  for (const source of optionSources) {
    if (source.key !== 'index-url' && source.key !== 'extra-index-url' && source.key !== 'find-links') continue;
    if (urlScheme(source.value) !== 'http') continue;
    const host = hostOfUrl(source.value);
    if (host === null || trusted.has(host.toLowerCase())) continue;
    findings.push(
      finding(source, 'warning', 'insecure-index', `pip ignores '${source.value}' because it is plain http: add '--trusted-host ${host}' or use https`),
    );
  }
  return findings;
}

export function checkRequirementSet(input: RequirementSetInput): RequirementFinding[] {
  const where = input.describe ?? fileLine;
  return [
    ...checkDuplicates(input.requirements, where),
    ...checkConstraints(input.requirements, input.constraints, where),
    ...checkHashMode(input.requirements, input.optionSources, where),
    ...checkIndexOptions(input.optionSources, where),
  ];
}
