import type {
  Confidence,
  FileSummary,
  Finding,
  InferenceResult,
  InferredPackage,
  PipInstallCommand,
  SourceOccurrence,
} from '../../contract/domain/infer';
import { distributionNote, guessDistribution, normalizeName, type DistributionGuess } from './distribution-mapping';
import { parseInstallCommands, requirementName } from './install-command';
import { prepareCell, type CellCommand } from './ipython-magics';
import { readNotebookCells } from './notebook-cells';
import type { PythonParser } from './python-parser';
import { addedToStdlibAfter, clampMinor, isStdlibModule, parsePythonMinor, removedFromStdlibIn } from './stdlib-modules';
import { extractSyntaxImports, type ImportReference } from './syntax-imports';

/**
 * Reads files one at a time and only resolves names at the end: local modules are known only once
 * every file has been seen (a `%%writefile utils.py` cell or a dropped `utils.py`), and reading one
 * file at a time keeps a folder of large notebooks from sitting in memory at once.
 */

export interface CollectorOptions {
  pythonVersion: string;
  /** Names of the user's own modules (files or packages next to the notebooks). */
  localModules?: readonly string[];
}

interface UnitOrigin {
  file: string;
  cell: number | null;
}

interface FoundImport extends ImportReference, UnitOrigin {}

interface FoundRequirement extends UnitOrigin {
  line: number;
  text: string;
  requirement: string;
  name: string;
}

// Known backports of modules the stdlib dropped; others are left to the user.
const STDLIB_BACKPORTS: Readonly<Record<string, string>> = {
  audioop: 'audioop-lts',
  aifc: 'standard-aifc',
  asynchat: 'standard-asynchat',
  cgi: 'legacy-cgi',
  cgitb: 'legacy-cgi',
};

export class InferenceCollector {
  private readonly imports: FoundImport[] = [];
  private readonly requirements: FoundRequirement[] = [];
  private readonly pipInstalls: PipInstallCommand[] = [];
  private readonly findings: Finding[] = [];
  private readonly files: FileSummary[] = [];
  private readonly localModules = new Set<string>();
  private readonly relativeImports = new Set<string>();
  private readonly minor: number;

  constructor(
    private readonly parser: PythonParser,
    private readonly options: CollectorOptions,
  ) {
    const minor = parsePythonMinor(options.pythonVersion);
    if (minor === null) throw new TypeError(`Not a Python 3 version: ${options.pythonVersion}`);
    this.minor = clampMinor(minor);
    if (this.minor !== minor) {
      this.addFinding('python-version-not-covered', null, null, null,
        `Python ${options.pythonVersion} is outside 3.9–3.14; the standard library of 3.${this.minor} is used.`);
    }
    for (const name of options.localModules ?? []) this.localModules.add(name);
  }

  addFile(name: string, content: string): void {
    const lower = name.toLowerCase();
    if (lower.endsWith('.ipynb')) this.addNotebook(name, content);
    else if (lower.endsWith('.py')) this.addScript(name, content);
    else this.addFinding('unsupported-file', name, null, null, `${baseName(name)} is not a notebook (.ipynb) or a Python file (.py).`);
  }

  addFinding(kind: Finding['kind'], file: string | null, cell: number | null, line: number | null, message: string): void {
    this.findings.push({ kind, file, cell, line, message });
  }

  private addNotebook(name: string, content: string): void {
    const notebook = readNotebookCells(content);
    if (!notebook.ok) {
      this.files.push({ file: name, kind: 'notebook', codeUnits: 0, read: false });
      this.addFinding('corrupt-notebook', name, null, null, `${baseName(name)} could not be read as a notebook: ${notebook.reason}.`);
      return;
    }
    if (notebook.language !== null && notebook.language.toLowerCase() !== 'python') {
      this.files.push({ file: name, kind: 'notebook', codeUnits: notebook.cells.length, read: false });
      this.addFinding('not-python-notebook', name, null, null,
        `${baseName(name)} is written for ${notebook.language}, not Python; only Python notebooks are read.`);
      return;
    }
    this.files.push({ file: name, kind: 'notebook', codeUnits: notebook.cells.length, read: true });
    for (const cell of notebook.cells) {
      const prepared = prepareCell(cell.source);
      if (prepared.writtenModule !== null) this.localModules.add(prepared.writtenModule);
      const origin = { file: name, cell: cell.index };
      this.addPython(prepared.python, origin);
      this.addCommands(prepared.commands, origin);
    }
  }

  private addScript(name: string, content: string): void {
    this.files.push({ file: name, kind: 'script', codeUnits: 1, read: true });
    const stem = /([A-Za-z_]\w*)\.py$/i.exec(baseName(name))?.[1];
    // A dropped or listed `helpers.py` is importable by its siblings as `helpers`.
    if (stem !== undefined) this.localModules.add(stem);
    this.addPython(content.charCodeAt(0) === 0xfeff ? content.slice(1) : content, { file: name, cell: null });
  }

  private addPython(source: string, origin: UnitOrigin): void {
    if (source.trim() === '') return;
    const tree = this.parser.parse(source);
    try {
      const found = extractSyntaxImports(tree);
      for (const reference of found.imports) this.imports.push({ ...reference, ...origin });
      for (const relative of found.relativeImports) this.relativeImports.add(relative);
      this.addCommands(found.embeddedCommands, origin);
      if (found.syntaxErrorLine !== null) {
        const where = origin.cell === null ? `line ${found.syntaxErrorLine}` : `cell ${origin.cell}, line ${found.syntaxErrorLine}`;
        this.addFinding('syntax-error', origin.file, origin.cell, found.syntaxErrorLine,
          `${baseName(origin.file)} has a syntax error at ${where}; the imports that could be read are kept.`);
      }
    } finally {
      tree.delete();
    }
  }

  private addCommands(commands: readonly CellCommand[], origin: UnitOrigin): void {
    for (const { line, command } of commands) {
      for (const install of parseInstallCommands(command)) {
        const text = command.length > 200 ? `${command.slice(0, 199)}…` : command;
        if (install.tool === 'conda') {
          this.addFinding('conda-install', origin.file, origin.cell, line,
            `\`${text}\` installs with conda; conda package names are not pip names, so it is not used here.`);
          continue;
        }
        this.pipInstalls.push({
          file: origin.file,
          cell: origin.cell,
          line,
          text,
          requirements: install.requirements,
          options: install.options,
          requirementFiles: install.requirementFiles,
          constraintFiles: install.constraintFiles,
          editables: install.editables,
          indexUrls: install.indexUrls,
          unresolved: install.unresolved,
        });
        for (const file of install.requirementFiles) {
          this.addFinding('requirements-file-referenced', origin.file, origin.cell, line,
            `\`${text}\` installs from ${file}: add that file to the package list to include it.`);
        }
        if (install.unresolved.length > 0) {
          this.addFinding('unresolved-pip-argument', origin.file, origin.cell, line,
            `\`${text}\` uses ${install.unresolved.join(', ')}, which is only known when the notebook runs.`);
        }
        for (const requirement of install.requirements) {
          const name = requirementName(requirement);
          if (name !== null) this.requirements.push({ ...origin, line, text, requirement, name });
        }
      }
    }
  }

  finish(): InferenceResult {
    const packages = new Map<string, PackageDraft>();
    const stdlib = new Set<string>();
    const local = new Set<string>([...this.relativeImports]);
    const draftFor = (distribution: string): PackageDraft => {
      const key = normalizeName(distribution);
      let draft = packages.get(key);
      if (draft === undefined) {
        draft = new PackageDraft(distribution);
        packages.set(key, draft);
      }
      return draft;
    };

    for (const found of this.imports) {
      const top = found.resolutionPath.split('.')[0] ?? found.resolutionPath;
      if (this.localModules.has(top)) {
        local.add(top);
        continue;
      }
      if (isStdlibModule(top, this.minor)) {
        stdlib.add(top);
        continue;
      }
      const guess = guessDistribution(found.resolutionPath);
      const removedIn = removedFromStdlibIn(top, this.minor);
      if (removedIn !== null && guess.kind !== 'mapping') {
        const backport = STDLIB_BACKPORTS[top];
        const draft = draftFor(backport ?? top);
        draft.addImport(found, { ...guess, distribution: backport ?? top, known: false });
        draft.stdlibProblem = {
          reason: 'removed-from-stdlib',
          note:
            `${top} was removed from the standard library in Python 3.${removedIn}` +
            (backport === undefined ? '; the code needs a replacement.' : `; ${backport} is a maintained copy.`),
        };
        continue;
      }
      const addedIn = addedToStdlibAfter(top, this.minor);
      if (addedIn !== null) {
        const draft = draftFor(top);
        draft.addImport(found, { ...guess, known: false });
        draft.stdlibProblem = {
          reason: 'stdlib-in-newer-python',
          note: `${top} is in the standard library from Python 3.${addedIn}, not in Python 3.${this.minor}; choose a newer Python or change the code.`,
        };
        continue;
      }
      draftFor(guess.distribution).addImport(found, guess);
    }
    for (const requirement of this.requirements) {
      draftFor(requirement.name).addRequirement(requirement);
    }

    const all = [...packages.values()].map((draft) => draft.build()).sort(byDistribution);
    const sortNames = (names: Set<string>): string[] => [...names].sort((a, b) => a.localeCompare(b));
    return {
      pythonVersion: this.options.pythonVersion,
      packages: all.filter((pkg) => pkg.reviewReason === null),
      unknown: all.filter((pkg) => pkg.reviewReason !== null),
      pipInstalls: this.pipInstalls,
      excluded: { stdlib: sortNames(stdlib), local: sortNames(local) },
      findings: this.findings,
      files: this.files,
      index: { indexUrl: null, status: 'not-checked', message: null },
    };
  }
}

const CONFIDENCE_ORDER: readonly Confidence[] = ['low', 'medium', 'high'];

function lower(confidence: Confidence): Confidence {
  return CONFIDENCE_ORDER[Math.max(0, CONFIDENCE_ORDER.indexOf(confidence) - 1)] ?? 'low';
}

class PackageDraft {
  private readonly occurrences = new Map<string, SourceOccurrence>();
  private readonly importNames = new Set<string>();
  private readonly guesses: DistributionGuess[] = [];
  private readonly requirementSpecs: string[] = [];
  /** Set when the module is a standard-library module of another Python version. */
  stdlibProblem: { reason: 'removed-from-stdlib' | 'stdlib-in-newer-python'; note: string } | null = null;

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
    const kind = this.guesses.find((guess) => guess.kind === 'mapping')?.kind ?? this.guesses[0]?.kind ?? 'pip-install';
    const imports = occurrences.filter((occurrence) => occurrence.kind !== 'pip-install');
    let confidence: Confidence = fromPip || known ? 'high' : 'medium';
    if (!fromPip && imports.length > 0) {
      if (imports.every((occurrence) => occurrence.typeCheckingOnly)) confidence = 'low';
      else if (imports.every((o) => o.optional || o.typeCheckingOnly || o.kind === 'dynamic-import')) {
        confidence = lower(confidence);
      }
    }
    if (this.stdlibProblem !== null) confidence = 'low';
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
      reviewReason: this.stdlibProblem?.reason ?? (fromPip || known ? null : 'unconfirmed-name'),
      note: notes.length === 0 ? null : notes.join(' '),
    };
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

function byDistribution(a: InferredPackage, b: InferredPackage): number {
  return normalizeName(a.distribution).localeCompare(normalizeName(b.distribution));
}

function byPosition(a: SourceOccurrence, b: SourceOccurrence): number {
  return a.file.localeCompare(b.file) || (a.cell ?? 0) - (b.cell ?? 0) || a.line - b.line;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
