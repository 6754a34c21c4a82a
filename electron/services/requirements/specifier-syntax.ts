import { explain, validRange } from '@renovatebot/pep440';
import type { RequirementFindingCode } from '../../contract/domain/requirements';

// Checks a version specifier ('>=1.0, <2') clause by clause. @renovatebot/pep440 decides what is
// valid; the code around it only works out which message explains a rejected clause best.

export type SpecifierCheck = { ok: true; canonical: string } | { ok: false; code: RequirementFindingCode; message: string };

const OPERATOR = /^(===|~=|==|!=|<=|>=|<|>)\s*/;
const MISTYPED_OPERATORS: ReadonlyArray<readonly [string, string]> = [
  ['=>', '>='],
  ['=<', '<='],
  ['<>', '!='],
  ['=!', '!='],
  ['!', '!='],
];

function explainRejectedClause(clause: string, name: string): { code: RequirementFindingCode; message: string } {
  // Before the real operators: '<>' would otherwise read as '<' followed by a version '>1.0'.
  const mistyped = MISTYPED_OPERATORS.find(([wrong]) => clause.startsWith(wrong) && !clause.startsWith('!='));
  if (mistyped !== undefined) {
    return {
      code: 'invalid-operator',
      message: `'${mistyped[0]}' is not a version operator; did you mean '${mistyped[1]}'?`,
    };
  }
  const operator = OPERATOR.exec(clause);
  if (operator === null) {
    if (clause.startsWith('=')) {
      const version = clause.replace(/^=+\s*/, '');
      return {
        code: 'single-equals',
        message: `Use '==' to pin a version: '${name}==${version}' (a single '=' is not an operator)`,
      };
    }
    if (/^[0-9]/.test(clause)) {
      return {
        code: 'missing-operator',
        message: `Add an operator before the version: '${name}==${clause}' or '${name}>=${clause}'`,
      };
    }
    return {
      code: 'unexpected-text',
      message: `Unexpected '${clause}' after '${name}' (package names cannot contain spaces)`,
    };
  }
  const op = operator[1] ?? '';
  const version = clause.slice(operator[0].length);
  if (version === '') return { code: 'invalid-specifier', message: `'${op}' needs a version after it` };
  const separated = /\s+(===|~=|==|!=|<=|>=|<|>)/.exec(version);
  if (separated !== null) {
    const first = version.slice(0, separated.index);
    const second = version.slice(separated.index).trim();
    return {
      code: 'missing-comma',
      message: `Separate version clauses with ',': '${op}${first}, ${second}'`,
    };
  }
  const wildcard = version.endsWith('.*');
  const base = wildcard ? version.slice(0, -2) : version;
  const parsed = explain(base);
  if (parsed === null || /\s/.test(version)) {
    return { code: 'invalid-version', message: `'${version}' is not a valid version number (PEP 440)` };
  }
  if (wildcard && op !== '==' && op !== '!=') {
    return { code: 'invalid-specifier', message: `A wildcard ('.*') only works with '==' or '!=': '${op}${version}'` };
  }
  if (parsed.local !== null && op !== '==' && op !== '!=' && op !== '===') {
    return {
      code: 'invalid-specifier',
      message: `A local version ('+${parsed.local}') only works with '==' or '!=': '${op}${version}'`,
    };
  }
  if (op === '~=' && parsed.release.length < 2) {
    return { code: 'invalid-specifier', message: `'~=' needs at least two version parts, like '~=${base}.0'` };
  }
  return { code: 'invalid-specifier', message: `'${clause}' is not a valid version specifier` };
}

/** Splits '>= 1.0 , <2' into canonical clauses; `name` only makes the messages concrete. */
export function checkSpecifier(specifier: string, name: string): SpecifierCheck {
  const trimmed = specifier.trim();
  if (trimmed === '') return { ok: true, canonical: '' };
  const clauses = trimmed.split(',').map((clause) => clause.trim());
  const canonical: string[] = [];
  for (const clause of clauses) {
    if (clause === '') {
      return { ok: false, code: 'invalid-specifier', message: `Empty version clause in '${trimmed}' (a stray ',')` };
    }
    if (!validRange(clause)) return { ok: false, ...explainRejectedClause(clause, name) };
    const operator = OPERATOR.exec(clause);
    canonical.push(operator === null ? clause : `${operator[1] ?? ''}${clause.slice(operator[0].length)}`);
  }
  return { ok: true, canonical: canonical.join(',') };
}

/** The clauses of a canonical specifier with their operator and version, for comparisons. */
export function specifierClauses(canonical: string): Array<{ op: string; version: string }> {
  if (canonical === '') return [];
  return canonical.split(',').map((clause) => {
    const operator = OPERATOR.exec(clause);
    return operator === null ? { op: '', version: clause } : { op: operator[1] ?? '', version: clause.slice(operator[0].length) };
  });
}
