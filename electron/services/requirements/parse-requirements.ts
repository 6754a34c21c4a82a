import type { ParsedRequirements } from '../../contract/domain/requirements';
import { parseRequirementLines, type ParseRequirementsOptions } from './parse-requirement-lines';
import { checkRequirementSet, type Located } from './requirement-set-checks';

export interface ParseRequirementsTextOptions extends ParseRequirementsOptions {
  /** How messages that point at another line name it, when the text is not a file the user has. */
  describe?: (subject: Located, other: Located) => string;
}

/**
 * Parses requirements.txt text the way pip reads it. Pure and total: any string gives a result, and
 * every problem is a finding with its file and line rather than an exception. Includes (-r/-c) are
 * listed but not followed; readRequirementsFile does that.
 */
export function parseRequirements(text: string, options: ParseRequirementsTextOptions): ParsedRequirements {
  const { parsed, optionSources } = parseRequirementLines(text, options);
  const setFindings = checkRequirementSet({
    requirements: parsed.requirements,
    constraints: parsed.constraints,
    optionSources,
    ...(options.describe ? { describe: options.describe } : {}),
  });
  return { ...parsed, findings: [...parsed.findings, ...setFindings] };
}
