// The options pip accepts inside a requirements file (pip's SUPPORTED_OPTIONS and
// SUPPORTED_OPTIONS_REQ), read from the shell-split tokens the way optparse reads them.

export type OptionKey =
  | 'index-url'
  | 'extra-index-url'
  | 'no-index'
  | 'constraint'
  | 'requirement'
  | 'editable'
  | 'find-links'
  | 'no-binary'
  | 'only-binary'
  | 'prefer-binary'
  | 'require-hashes'
  | 'pre'
  | 'trusted-host'
  | 'use-feature'
  | 'hash'
  | 'config-settings'
  | 'global-option'
  | 'install-option'
  | 'build-option';

interface OptionSpec {
  key: OptionKey;
  long: string;
  short?: string;
  takesValue: boolean;
  /** 'line': only on a line of its own; 'requirement': only after a package on the same line. */
  scope: 'line' | 'requirement' | 'gone';
}

export const OPTION_SPECS: readonly OptionSpec[] = [
  { key: 'index-url', long: '--index-url', short: '-i', takesValue: true, scope: 'line' },
  { key: 'extra-index-url', long: '--extra-index-url', takesValue: true, scope: 'line' },
  { key: 'no-index', long: '--no-index', takesValue: false, scope: 'line' },
  { key: 'constraint', long: '--constraint', short: '-c', takesValue: true, scope: 'line' },
  { key: 'requirement', long: '--requirement', short: '-r', takesValue: true, scope: 'line' },
  { key: 'editable', long: '--editable', short: '-e', takesValue: true, scope: 'line' },
  { key: 'find-links', long: '--find-links', short: '-f', takesValue: true, scope: 'line' },
  { key: 'no-binary', long: '--no-binary', takesValue: true, scope: 'line' },
  { key: 'only-binary', long: '--only-binary', takesValue: true, scope: 'line' },
  { key: 'prefer-binary', long: '--prefer-binary', takesValue: false, scope: 'line' },
  { key: 'require-hashes', long: '--require-hashes', takesValue: false, scope: 'line' },
  { key: 'pre', long: '--pre', takesValue: false, scope: 'line' },
  { key: 'trusted-host', long: '--trusted-host', takesValue: true, scope: 'line' },
  { key: 'use-feature', long: '--use-feature', takesValue: true, scope: 'line' },
  { key: 'hash', long: '--hash', takesValue: true, scope: 'requirement' },
  { key: 'config-settings', long: '--config-settings', takesValue: true, scope: 'requirement' },
  { key: 'global-option', long: '--global-option', takesValue: true, scope: 'requirement' },
  // Removed from pip (23.1 and later); recognized so the message can say so.
  { key: 'install-option', long: '--install-option', takesValue: true, scope: 'gone' },
  { key: 'build-option', long: '--build-option', takesValue: true, scope: 'gone' },
];

export interface OptionOccurrence {
  key: OptionKey;
  /** The spelling the user wrote, for messages. */
  written: string;
  value: string | null;
  scope: OptionSpec['scope'];
}

export type OptionReadProblem =
  { kind: 'unknown'; written: string } | { kind: 'missing-value'; written: string } | { kind: 'unexpected-value'; written: string };

export interface OptionReadResult {
  options: OptionOccurrence[];
  /** Words that are not options; pip silently ignores them. */
  leftovers: string[];
  problem: OptionReadProblem | null;
}

function findLong(written: string): OptionSpec | undefined {
  const exact = OPTION_SPECS.find((spec) => spec.long === written);
  if (exact !== undefined) return exact;
  // optparse accepts any unambiguous prefix of a long option, so pip does too.
  const prefixed = OPTION_SPECS.filter((spec) => spec.long.startsWith(written));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

export function readOptionTokens(tokens: readonly string[]): OptionReadResult {
  const options: OptionOccurrence[] = [];
  const leftovers: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? '';
    if (token === '--') {
      leftovers.push(...tokens.slice(i + 1));
      break;
    }
    if (token.startsWith('--')) {
      const equals = token.indexOf('=');
      const written = equals >= 0 ? token.slice(0, equals) : token;
      const spec = findLong(written);
      if (spec === undefined) return { options, leftovers, problem: { kind: 'unknown', written } };
      let value: string | null = null;
      if (spec.takesValue) {
        if (equals >= 0) value = token.slice(equals + 1);
        else {
          const next = tokens[i + 1];
          if (next === undefined) return { options, leftovers, problem: { kind: 'missing-value', written } };
          value = next;
          i++;
        }
      } else if (equals >= 0) {
        return { options, leftovers, problem: { kind: 'unexpected-value', written } };
      }
      options.push({ key: spec.key, written: spec.long, value, scope: spec.scope });
      continue;
    }
    if (token.startsWith('-') && token.length > 1) {
      const written = token.slice(0, 2);
      const spec = OPTION_SPECS.find((candidate) => candidate.short === written);
      if (spec === undefined) return { options, leftovers, problem: { kind: 'unknown', written: token } };
      let value: string;
      if (token.length > 2) value = token.slice(2);
      else {
        const next = tokens[i + 1];
        if (next === undefined) return { options, leftovers, problem: { kind: 'missing-value', written } };
        value = next;
        i++;
      }
      options.push({ key: spec.key, written, value, scope: spec.scope });
      continue;
    }
    leftovers.push(token);
  }
  return { options, leftovers, problem: null };
}
