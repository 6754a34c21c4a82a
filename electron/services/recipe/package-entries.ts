import { randomUUID } from 'node:crypto';
import type { FileAdditions } from '../../contract/domain/recipe';
import type { ParsedRequirements, PipOptions, Requirement, RequirementFileSet } from '../../contract/domain/requirements';

/** A requirement as one line pip reads: continuation lines joined, a trailing comment dropped. */
export function oneLine(raw: string): string {
  return raw
    .replace(/\\\r?\n/g, ' ')
    .replace(/(^|\s)#.*$/s, '')
    .replace(/\s+/g, ' ')
    .trim();
}

function additions(
  requirements: readonly Requirement[],
  constraints: readonly Requirement[],
  options: PipOptions,
  nameOf: (file: string) => string,
): FileAdditions {
  return {
    entries: requirements.map((r) => ({ id: randomUUID(), text: oneLine(r.raw), origin: { file: nameOf(r.file), line: r.line } })),
    constraints: constraints.map((c) => oneLine(c.raw)),
    index: { indexUrl: options.indexUrl, extraIndexUrls: options.extraIndexUrls, trustedHosts: options.trustedHosts },
    installOptions: {
      findLinks: options.findLinks,
      noIndex: options.noIndex,
      noBinary: options.noBinary,
      onlyBinary: options.onlyBinary,
      preferBinary: options.preferBinary,
      requireHashes: options.requireHashes,
      useFeatures: options.useFeatures,
    },
    pre: options.pre,
  };
}

/** What opening a file adds to the recipe: its packages (with where they came from), constraints and index options. */
export function additionsFromFileSet(set: Extract<RequirementFileSet, { ok: true }>): FileAdditions {
  const names = new Map(set.files.map((f) => [f.path, f.relativePath]));
  return additions(set.requirements, set.constraints, set.options, (file) => names.get(file) ?? file);
}

export function additionsFromParsed(parsed: ParsedRequirements): FileAdditions {
  return additions(parsed.requirements, parsed.constraints, parsed.options, (file) => file);
}
