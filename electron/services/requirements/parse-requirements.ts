import type { ParsedRequirements } from '../../contract/domain/requirements';
import { parseRequirementLines, type ParseRequirementsOptions } from './parse-requirement-lines';
import { checkRequirementSet } from './requirement-set-checks';

export type { ParseRequirementsOptions } from './parse-requirement-lines';

/**
 * Parses requirements.txt text the way pip reads it. Pure and total: any string gives a result, and
 * every problem is a finding with its file and line rather than an exception. Includes (-r/-c) are
 * listed but not followed; readRequirementsFile does that.
 */
export function parseRequirements(text: string, options: ParseRequirementsOptions): ParsedRequirements {
  const { parsed, optionSources } = parseRequirementLines(text, options);
  const setFindings = checkRequirementSet({
    requirements: parsed.requirements,
    constraints: parsed.constraints,
    optionSources,
  });
  return { ...parsed, findings: [...parsed.findings, ...setFindings] };
}
