import type {
  FindingSeverity,
  ParsedRequirements,
  PipOptions,
  Requirement,
  RequirementFinding,
  RequirementFindingCode,
  RequirementFileRole,
  RequirementInclude,
  RequirementLine,
  VcsKind,
} from '../../contract/domain/requirements';
import { splitLogicalLines, type LogicalLine } from './logical-lines';
import { normalizePackageName } from './package-name';
import { readOptionTokens, type OptionOccurrence, type OptionReadProblem } from './pip-line-options';
import { checkBinaryOption, checkFindLinks, checkHash, checkIndexUrl, checkTrustedHost, credentialsProblem, redactUrl } from './pip-option-values';
import { parseRequirementText, type RequirementSyntax } from './requirement-syntax';
import { shellSplit } from './shell-split';
import { isPipUrl, isSshUrl, urlScheme, vcsKindOf } from './url-kind';

// Line by line, what pip would make of a requirements file. Checks that need several lines at once
// (duplicates, conflicts, hash mode) live in requirement-set-checks.ts, so that the file loader can
// run them once over all included files.

export interface ParseRequirementsOptions {
  /** Shown in findings: a path or a display name. */
  file: string;
  /** 'constraints' for a file included with -c. */
  role?: RequirementFileRole;
}

/** Where an option was set; the set checks need it for messages. */
export interface OptionSource {
  key: 'index-url' | 'extra-index-url' | 'find-links' | 'trusted-host' | 'require-hashes';
  value: string;
  file: string;
  line: number;
  raw: string;
}

export interface LineParseResult {
  parsed: ParsedRequirements;
  optionSources: OptionSource[];
}

export function emptyPipOptions(): PipOptions {
  return {
    indexUrl: null,
    extraIndexUrls: [],
    findLinks: [],
    trustedHosts: [],
    noIndex: false,
    pre: false,
    preferBinary: false,
    requireHashes: false,
    noBinary: [],
    onlyBinary: [],
    useFeatures: [],
  };
}

const VCS_TOOL: Readonly<Record<VcsKind, string>> = {
  git: 'git',
  hg: 'Mercurial (hg)',
  svn: 'Subversion (svn)',
  bzr: 'Bazaar (bzr)',
};

/** pip's break_args_options: the requirement is everything before the first word starting with '-'. */
function breakArgsOptions(content: string): { args: string; options: string } {
  const tokens = content.split(' ');
  const firstOption = tokens.findIndex((token) => token.startsWith('-'));
  if (firstOption < 0) return { args: content, options: '' };
  return { args: tokens.slice(0, firstOption).join(' '), options: tokens.slice(firstOption).join(' ') };
}

function optionProblemFinding(problem: OptionReadProblem): { code: RequirementFindingCode; message: string } {
  switch (problem.kind) {
    case 'unknown':
      return { code: 'unknown-option', message: `Unknown option '${problem.written}' (pip does not accept it in a requirements file)` };
    case 'missing-value':
      return { code: 'option-missing-value', message: `'${problem.written}' needs a value after it` };
    case 'unexpected-value':
      return { code: 'option-unexpected-value', message: `'${problem.written}' does not take a value` };
  }
}

class LineContext {
  readonly findings: RequirementFinding[] = [];

  constructor(
    private readonly file: string,
    private readonly logical: LogicalLine,
  ) {}

  add(severity: FindingSeverity, code: RequirementFindingCode, message: string, hint?: string): void {
    const finding: RequirementFinding = { file: this.file, line: this.logical.line, raw: this.logical.raw, severity, code, message };
    if (hint !== undefined) finding.hint = hint;
    this.findings.push(finding);
  }

  get hasError(): boolean {
    return this.findings.some((finding) => finding.severity === 'error');
  }
}

class RequirementFileParser {
  private readonly lines: RequirementLine[] = [];
  private readonly requirements: Requirement[] = [];
  private readonly constraints: Requirement[] = [];
  private readonly options = emptyPipOptions();
  private readonly includes: RequirementInclude[] = [];
  private readonly findings: RequirementFinding[] = [];
  private readonly optionSources: OptionSource[] = [];
  private readonly role: RequirementFileRole;

  constructor(
    private readonly file: string,
    role: RequirementFileRole,
  ) {
    this.role = role;
  }

  parse(text: string): LineParseResult {
    const { lines, physicalLineCount } = splitLogicalLines(text);
    for (const logical of lines) this.parseLine(logical);
    return {
      parsed: {
        file: this.file,
        role: this.role,
        lineCount: physicalLineCount,
        lines: this.lines,
        requirements: this.requirements,
        constraints: this.constraints,
        options: this.options,
        includes: this.includes,
        findings: this.findings,
      },
      optionSources: this.optionSources,
    };
  }

  private parseLine(logical: LogicalLine): void {
    const context = new LineContext(this.file, logical);
    const status = this.classify(logical, context);
    this.findings.push(...context.findings);
    this.lines.push({
      file: this.file,
      line: logical.line,
      endLine: logical.endLine,
      raw: logical.raw,
      status: context.hasError ? 'error' : status,
    });
  }

  private classify(logical: LogicalLine, context: LineContext): RequirementLine['status'] {
    const content = logical.content;
    if (content === '') return logical.hadComment ? 'comment' : 'blank';

    const variable = /\$\{([A-Z0-9_]+)\}/.exec(content);
    if (variable !== null) {
      context.add(
        'warning',
        'env-var',
        `'${variable[0]}' is filled in from the environment while the image builds, where your environment is not available`,
        'Write the value itself. If it is a secret, it must not go into the image at all.',
      );
    }

    const { args, options: optionText } = breakArgsOptions(content);
    const split = shellSplit(optionText);
    if (!split.ok) {
      context.add(
        'error',
        'option-quote',
        split.reason === 'unclosed-quote' ? 'A quote in the options is never closed' : "A '\\' at the end of the options escapes nothing",
      );
      return 'error';
    }
    const read = readOptionTokens(split.tokens);
    if (read.problem !== null) {
      const { code, message } = optionProblemFinding(read.problem);
      context.add('error', code, message);
      return 'error';
    }
    if (read.leftovers.length > 0) {
      context.add('warning', 'ignored-text', `pip ignores '${read.leftovers.join(' ')}' here: it is neither an option nor its value`);
    }

    if (args !== '') return this.requirementLine(args, read.options, logical, context);
    const editable = read.options.find((option) => option.key === 'editable');
    if (editable !== undefined) return this.editableLine(editable.value ?? '', logical, context);
    this.optionLine(read.options, logical, context);
    return 'option';
  }

  private editableLine(target: string, logical: LogicalLine, context: LineContext): RequirementLine['status'] {
    if (vcsKindOf(target) !== null) {
      // The image has no checkout to edit: the same repository, installed as a regular package.
      context.add(
        'warning',
        'editable-install',
        `'-e' is dropped: an image has no source checkout to edit, so '${redactUrl(target)}' is installed from the repository as a regular package`,
      );
      return this.requirementLine(target, [], { ...logical, raw: target }, context);
    }
    context.add(
      'error',
      'editable-install',
      `'-e ${target}' installs a folder from this computer in editable mode; an image cannot contain it`,
      'Publish the package to an index, or install it from an https:// URL, so the image build can download it.',
    );
    return 'error';
  }

  private requirementLine(args: string, options: readonly OptionOccurrence[], logical: LogicalLine, context: LineContext): RequirementLine['status'] {
    const syntax = parseRequirementText(args);
    if (!syntax.ok) {
      context.add('error', syntax.code, syntax.message, syntax.hint);
      return 'error';
    }
    const hashes: string[] = [];
    const configSettings: string[] = [];
    for (const option of options) {
      const value = option.value ?? '';
      if (option.key === 'hash') {
        const hash = checkHash(value);
        if (hash.ok) hashes.push(hash.hash);
        else context.add(hash.problem.severity, hash.problem.code, hash.problem.message, hash.problem.hint);
      } else if (option.key === 'config-settings') configSettings.push(value);
      else if (option.key === 'global-option') {
        context.add('warning', 'deprecated-option', "'--global-option' is deprecated in pip and may be ignored; use '--config-settings'");
      } else if (option.scope === 'gone') {
        context.add('error', 'unsupported-option', `'${option.written}' was removed from pip; use '--config-settings'`);
      } else {
        context.add('warning', 'option-ignored', `pip ignores '${option.written}' on a line with a package; put it on a line of its own`);
      }
    }
    this.checkRequirementTarget(syntax.value, context);
    if (this.role === 'constraints' && syntax.value.extras.length > 0) {
      context.add('error', 'constraint-form', `A constraint cannot have extras: write '${syntax.value.name}' without '[${syntax.value.extras.join(',')}]'`);
    }
    if (context.hasError) return 'error';
    const requirement: Requirement = {
      name: syntax.value.name,
      normalizedName: normalizePackageName(syntax.value.name),
      extras: syntax.value.extras,
      specifier: syntax.value.specifier,
      marker: syntax.value.marker,
      url: syntax.value.url,
      vcs: syntax.value.vcs,
      hashes,
      configSettings,
      file: this.file,
      line: logical.line,
      raw: logical.raw,
    };
    (this.role === 'constraints' ? this.constraints : this.requirements).push(requirement);
    return 'requirement';
  }

  private checkRequirementTarget(value: RequirementSyntax, context: LineContext): void {
    if (value.usesExtraMarker) {
      context.add('warning', 'marker-extra', "An 'extra' marker never matches in a requirements file, so pip skips this line");
    }
    if (value.url === null) return;
    if (value.nameGuessed) {
      context.add(
        'warning',
        'url-name-guessed',
        `pip takes this package's name from the project when it builds it; until then it is called '${value.name}' here`,
        `Write '${value.name} @ ${redactUrl(value.url)}' if the project is named otherwise, so duplicates and Elyra conflicts are checked under its real name.`,
      );
    }
    const credentials = credentialsProblem(value.url);
    if (credentials !== null) context.add(credentials.severity, credentials.code, credentials.message, credentials.hint);
    if (value.vcs === null) return;
    if (isSshUrl(value.url)) {
      context.add('error', 'vcs-ssh', `'${redactUrl(value.url)}' needs your SSH key, which the image build does not have; use an https:// URL`);
      return;
    }
    context.add('warning', 'vcs-url', `Installing '${redactUrl(value.url)}' needs ${VCS_TOOL[value.vcs]} in the image; the recipe adds it`);
  }

  private optionLine(options: readonly OptionOccurrence[], logical: LogicalLine, context: LineContext): void {
    const source = (key: OptionSource['key'], value: string): void => {
      this.optionSources.push({ key, value, file: this.file, line: logical.line, raw: logical.raw });
    };
    const report = (problem: { severity: FindingSeverity; code: RequirementFindingCode; message: string; hint?: string } | null): boolean => {
      if (problem === null) return false;
      context.add(problem.severity, problem.code, problem.message, problem.hint);
      return problem.severity === 'error';
    };
    for (const option of options) {
      const value = option.value ?? '';
      if (option.value !== null && value.trim() === '') {
        context.add('error', 'option-missing-value', `'${option.written}' needs a value after it`);
        continue;
      }
      switch (option.key) {
        case 'index-url':
          if (!report(checkIndexUrl(option.written, value))) {
            this.options.indexUrl = value;
            source('index-url', value);
          }
          break;
        case 'extra-index-url':
          if (!report(checkIndexUrl(option.written, value))) {
            this.options.extraIndexUrls.push(value);
            source('extra-index-url', value);
          }
          break;
        case 'find-links':
          if (!report(checkFindLinks(option.written, value))) {
            this.options.findLinks.push(value);
            source('find-links', value);
          }
          break;
        case 'trusted-host':
          if (!report(checkTrustedHost(value))) {
            this.options.trustedHosts.push(value);
            source('trusted-host', value);
          }
          break;
        case 'no-binary':
        case 'only-binary':
          if (!report(checkBinaryOption(option.written, value))) {
            (option.key === 'no-binary' ? this.options.noBinary : this.options.onlyBinary).push(...value.split(','));
          }
          break;
        case 'no-index':
          this.options.noIndex = true;
          break;
        case 'pre':
          this.options.pre = true;
          break;
        case 'prefer-binary':
          this.options.preferBinary = true;
          break;
        case 'require-hashes':
          this.options.requireHashes = true;
          source('require-hashes', '');
          break;
        case 'use-feature':
          this.options.useFeatures.push(value);
          break;
        case 'requirement':
        case 'constraint':
          this.include(option.key, value, logical, context);
          break;
        case 'hash':
          context.add('error', 'hash-without-requirement', "'--hash' must follow a package on the same line, e.g. 'pandas==2.2.3 --hash=sha256:…'");
          break;
        case 'config-settings':
        case 'global-option':
          context.add('warning', 'option-ignored', `'${option.written}' only applies to a package on the same line; pip ignores it here`);
          break;
        case 'install-option':
        case 'build-option':
          context.add('error', 'unsupported-option', `'${option.written}' was removed from pip; use '--config-settings'`);
          break;
        case 'editable':
          // Handled before: a line with -e is an editable requirement.
          break;
      }
    }
  }

  private include(key: 'requirement' | 'constraint', target: string, logical: LogicalLine, context: LineContext): void {
    const role: RequirementFileRole = key === 'constraint' || this.role === 'constraints' ? 'constraints' : 'requirements';
    const scheme = urlScheme(target);
    const remote = (scheme === 'http' || scheme === 'https') && isPipUrl(target);
    if (remote) {
      context.add('warning', 'include-remote', `pip downloads '${redactUrl(target)}' during the build; its lines are not checked here`);
      const credentials = credentialsProblem(target);
      if (credentials !== null) context.add(credentials.severity, credentials.code, credentials.message, credentials.hint);
    }
    this.includes.push({ role, target, remote, file: this.file, line: logical.line });
  }
}

/** Parses every line on its own; never throws. */
export function parseRequirementLines(text: string, options: ParseRequirementsOptions): LineParseResult {
  return new RequirementFileParser(options.file, options.role ?? 'requirements').parse(text);
}
