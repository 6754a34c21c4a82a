import type { Confidence, DistributionCandidate, InferredPackage, SourceOccurrence } from '../../contract/domain/infer';
import { distributionNote, normalizeName, type DistributionGuess } from './distribution-mapping';
import type { ImportReference } from './syntax-imports';

/** One distribution being put together from every import and `%pip install` line that asks for it. */

export interface UnitOrigin {
  file: string;
  cell: number | null;
}

export interface FoundImport extends Omit<ImportReference, 'kind'>, UnitOrigin {
  kind: SourceOccurrence['kind'];
  /** Set once the import is found to name the user's own module or package. */
  local: boolean;
}

export interface FoundRequirement extends UnitOrigin {
  line: number;
  text: string;
  requirement: string;
  name: string;
}

export type StdlibProblem = { reason: 'removed-from-stdlib' | 'stdlib-in-newer-python'; note: string };

const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

function lower(confidence: Confidence): Confidence {
  return CONFIDENCE_ORDER[Math.max(0, CONFIDENCE_ORDER.indexOf(confidence) - 1)] ?? 'low';
}

export class PackageDraft {
  private readonly occurrences = new Map<string, SourceOccurrence>();
  private readonly importNames = new Set<string>();
  private readonly guesses: DistributionGuess[] = [];
  private readonly requirementSpecs: string[] = [];
  /** Set when the module is a standard-library module of another Python version. */
  stdlibProblem: StdlibProblem | null = null;

  constructor(private readonly distribution: string) {}

  addImport(found: FoundImport, guess: DistributionGuess): void {
    this.guesses.push(guess);
    this.importNames.add(guess.importName);
    this.addOccurrence({
      file: found.file,
      cell: found.cell,
      line: found.line,
      text: found.text,
      module: found.module,
      kind: found.kind,
      optional: found.optional,
      typeCheckingOnly: found.typeCheckingOnly,
    });
  }

  addRequirement(found: FoundRequirement): void {
    this.requirementSpecs.push(found.requirement);
    this.addOccurrence({
      file: found.file,
      cell: found.cell,
      line: found.line,
      text: found.text,
      module: found.requirement,
      kind: 'pip-install',
      optional: false,
      typeCheckingOnly: false,
    });
  }

  private addOccurrence(occurrence: SourceOccurrence): void {
    const key = [occurrence.file, occurrence.cell, occurrence.line, occurrence.module, occurrence.kind].join('\u0000');
    if (!this.occurrences.has(key)) this.occurrences.set(key, occurrence);
  }

  build(): InferredPackage {
    const occurrences = [...this.occurrences.values()].sort(byPosition);
    const fromPip = this.requirementSpecs.length > 0;
    const known = this.guesses.some((guess) => guess.known);
    const mustChoose = !fromPip && this.guesses.length > 0 && this.guesses.every((guess) => guess.mustChoose);
    const kind = this.guesses.find((guess) => guess.kind === 'mapping')?.kind ?? this.guesses[0]?.kind ?? 'pip-install';
    const imports = occurrences.filter((occurrence) => occurrence.kind !== 'pip-install');
    let confidence: Confidence = fromPip || known ? 'high' : 'medium';
    if (!fromPip && imports.length > 0) {
      if (imports.every((occurrence) => occurrence.typeCheckingOnly)) confidence = 'low';
      else if (imports.every((o) => o.optional || o.typeCheckingOnly || o.kind === 'dynamic-import')) {
        confidence = lower(confidence);
      }
    }
    if (this.stdlibProblem !== null || mustChoose) confidence = 'low';
    const notes = [
      this.stdlibProblem?.note ?? null,
      ...new Set([...this.guesses.map((guess) => guess.note), distributionNote(this.distribution)]),
      conflictingSpecs(this.requirementSpecs),
    ].filter((note): note is string => note !== null);
    return {
      distribution: this.distribution,
      requirement: chooseRequirement(this.requirementSpecs) ?? this.distribution,
      confidence,
      mappingSource: kind,
      importNames: [...this.importNames].sort((a, b) => a.localeCompare(b)),
      occurrences,
      indexStatus: 'not-checked',
      reviewReason: this.stdlibProblem?.reason ?? (mustChoose ? 'ambiguous-name' : fromPip || known ? null : 'unconfirmed-name'),
      note: notes.length === 0 ? null : notes.join(' '),
      // A `%pip install` line already chose: the other candidates are not offered.
      candidates: fromPip ? [] : this.candidates(),
    };
  }

  /** The recommended distribution first, then the others that install the same import names. */
  private candidates(): DistributionCandidate[] {
    const byName = new Map<string, DistributionCandidate>();
    for (const candidate of this.guesses.flatMap((guess) => guess.candidates)) {
      const key = normalizeName(candidate.distribution);
      if (!byName.has(key)) byName.set(key, candidate);
    }
    if (byName.size < 2) return [];
    const own = normalizeName(this.distribution);
    const first = byName.get(own) ?? { distribution: this.distribution, note: distributionNote(this.distribution) };
    return [first, ...[...byName.entries()].filter(([key]) => key !== own).map(([, candidate]) => candidate)];
  }
}

/** The last spec that pins or bounds a version wins, as the last `pip install` run would. */
function chooseRequirement(specs: readonly string[]): string | null {
  const withVersion = specs.filter((spec) => /[<>=!~@]/.test(spec));
  return withVersion[withVersion.length - 1] ?? specs[specs.length - 1] ?? null;
}

function conflictingSpecs(specs: readonly string[]): string | null {
  const distinct = [...new Set(specs.filter((spec) => /[<>=!~@]/.test(spec)).map((spec) => spec.replace(/\s+/g, '')))];
  return distinct.length > 1 ? `The notebooks ask for different versions: ${distinct.join(', ')}.` : null;
}

function byPosition(a: SourceOccurrence, b: SourceOccurrence): number {
  return a.file.localeCompare(b.file) || (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line;
}
