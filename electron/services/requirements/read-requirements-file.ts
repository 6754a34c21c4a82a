import { open, realpath } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  ContentRefusalCode,
  PipOptions,
  Requirement,
  RequirementFile,
  RequirementFileRole,
  RequirementFileSet,
  RequirementFinding,
  RequirementFindingCode,
  RequirementInclude,
} from '../../contract/domain/requirements';
import { checkDroppedContent, DEFAULT_MAX_REQUIREMENTS_BYTES, tooLargeMessage } from './check-dropped-content';
import { emptyPipOptions, parseRequirementLines, type OptionSource } from './parse-requirement-lines';
import { checkRequirementSet } from './requirement-set-checks';
import { urlScheme } from './url-kind';

// Reads a requirements file from disk with every file it includes (-r/-c), relative to the including
// file as pip resolves them. Each included file is part of the result, so the build can copy it.

export interface ReadRequirementsFileOptions {
  /** Per file; larger files are refused. */
  maxBytes?: number;
  /** Guards against include trees that would never end in practice. */
  maxFiles?: number;
}

type ReadOutcome = { ok: true; text: string } | { ok: false; code: ContentRefusalCode; message: string };

const DEFAULT_MAX_FILES = 100;

async function readTextFile(absolutePath: string, maxBytes: number): Promise<ReadOutcome> {
  const name = path.basename(absolutePath);
  let handle;
  try {
    handle = await open(absolutePath, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, code: 'file-not-found', message: `${name} was not found (${absolutePath})` };
    return { ok: false, code: 'file-unreadable', message: `${name} cannot be read: ${(error as Error).message}` };
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { ok: false, code: 'file-unreadable', message: `${name} is not a file` };
    // Refuse by size before reading, so a huge file never lands in memory.
    if (stat.size > maxBytes) return { ok: false, code: 'file-too-large', message: tooLargeMessage(name, stat.size, maxBytes) };
    const bytes = await handle.readFile();
    const checked = checkDroppedContent(bytes, { fileName: name, maxBytes });
    return checked.ok ? { ok: true, text: checked.text } : checked;
  } catch (error) {
    return { ok: false, code: 'file-unreadable', message: `${name} cannot be read: ${(error as Error).message}` };
  } finally {
    await handle.close();
  }
}

function toPosix(relative: string): string {
  return relative.split(path.sep).join('/');
}

function includeTargetPath(include: RequirementInclude, includingFile: string): string {
  if (urlScheme(include.target) === 'file') {
    try {
      return fileURLToPath(include.target);
    } catch {
      return path.resolve(path.dirname(includingFile), include.target);
    }
  }
  return path.resolve(path.dirname(includingFile), include.target);
}

function mergeOptions(all: readonly PipOptions[]): PipOptions {
  const merged = emptyPipOptions();
  const unique = (values: string[]): string[] => [...new Set(values)];
  for (const options of all) {
    // pip applies options in reading order, so a later --index-url wins.
    if (options.indexUrl !== null) merged.indexUrl = options.indexUrl;
    merged.extraIndexUrls = unique([...merged.extraIndexUrls, ...options.extraIndexUrls]);
    merged.findLinks = unique([...merged.findLinks, ...options.findLinks]);
    merged.trustedHosts = unique([...merged.trustedHosts, ...options.trustedHosts]);
    merged.noBinary = unique([...merged.noBinary, ...options.noBinary]);
    merged.onlyBinary = unique([...merged.onlyBinary, ...options.onlyBinary]);
    merged.useFeatures = unique([...merged.useFeatures, ...options.useFeatures]);
    merged.noIndex ||= options.noIndex;
    merged.pre ||= options.pre;
    merged.preferBinary ||= options.preferBinary;
    merged.requireHashes ||= options.requireHashes;
  }
  return merged;
}

class IncludeWalker {
  readonly files: RequirementFile[] = [];
  readonly optionSources: OptionSource[] = [];
  private readonly seen = new Set<string>();
  /** Per file, the files its include lines brought in, so lines can be listed in pip's reading order. */
  private readonly children = new Map<RequirementFile, Array<{ line: number; file: RequirementFile }>>();

  constructor(
    private readonly rootDirectory: string,
    private readonly maxBytes: number,
    private readonly maxFiles: number,
  ) {}

  displayName(absolutePath: string): string {
    return toPosix(path.relative(this.rootDirectory, absolutePath));
  }

  async visit(absolutePath: string, identity: string, text: string, role: RequirementFileRole, chain: readonly string[]): Promise<void> {
    this.seen.add(identity);
    const display = this.displayName(absolutePath);
    const { parsed, optionSources } = parseRequirementLines(text, { file: display, role });
    const file: RequirementFile = { path: absolutePath, relativePath: display, role, text, parsed };
    this.files.push(file);
    this.optionSources.push(...optionSources);
    const children: Array<{ line: number; file: RequirementFile }> = [];
    this.children.set(file, children);

    for (const include of parsed.includes) {
      if (include.remote) continue;
      const filesBefore = this.files.length;
      const problem = await this.follow(include, absolutePath, [...chain, identity]);
      const child = this.files[filesBefore];
      if (child !== undefined) children.push({ line: include.line, file: child });
      if (problem === null) continue;
      const line = parsed.lines.find((candidate) => candidate.line === include.line);
      const rawLine = line?.raw ?? '';
      const finding: RequirementFinding = { file: display, line: include.line, raw: rawLine, severity: 'error', ...problem };
      parsed.findings.push(finding);
      if (line !== undefined) line.status = 'error';
    }
  }

  private async follow(
    include: RequirementInclude,
    includingFile: string,
    chain: readonly string[],
  ): Promise<{ code: RequirementFindingCode; message: string } | null> {
    const target = includeTargetPath(include, includingFile);
    let identity: string;
    try {
      identity = await realpath(target);
    } catch {
      return { code: 'include-not-found', message: `'${include.target}' was not found (looked for ${target})` };
    }
    if (chain.includes(identity)) {
      const names = [...chain.slice(chain.indexOf(identity)), identity].map((entry) => path.basename(entry));
      return {
        code: 'include-cycle',
        message: `'${include.target}' includes itself (${names.join(' → ')}); pip stops with an error`,
      };
    }
    // A file reached twice without a cycle (two files include a common one) is read once.
    if (this.seen.has(identity)) return null;
    if (this.files.length >= this.maxFiles) {
      return { code: 'include-limit', message: `More than ${this.maxFiles} included files; '${include.target}' was not read` };
    }
    const read = await readTextFile(target, this.maxBytes);
    if (!read.ok) return { code: 'include-unreadable', message: read.message };
    await this.visit(target, identity, read.text, include.role, chain);
    return null;
  }

  /** Requirements or constraints in the order pip meets them: an included file's at its -r line. */
  inReadingOrder(file: RequirementFile, pick: (parsed: RequirementFile['parsed']) => Requirement[]): Requirement[] {
    const entries: Array<{ line: number; items: Requirement[] }> = pick(file.parsed).map((item) => ({ line: item.line, items: [item] }));
    for (const child of this.children.get(file) ?? []) entries.push({ line: child.line, items: this.inReadingOrder(child.file, pick) });
    return entries.sort((a, b) => a.line - b.line).flatMap((entry) => entry.items);
  }
}

export async function readRequirementsFile(filePath: string, options: ReadRequirementsFileOptions = {}): Promise<RequirementFileSet> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REQUIREMENTS_BYTES;
  const rootPath = path.resolve(filePath);
  const read = await readTextFile(rootPath, maxBytes);
  if (!read.ok) return { ok: false, path: rootPath, code: read.code, message: read.message };

  const walker = new IncludeWalker(path.dirname(rootPath), maxBytes, options.maxFiles ?? DEFAULT_MAX_FILES);
  let identity = rootPath;
  try {
    identity = await realpath(rootPath);
  } catch {
    // Read a moment ago; if it vanished since, its own path still identifies it.
  }
  await walker.visit(rootPath, identity, read.text, 'requirements', []);

  const files = walker.files;
  const [rootFile] = files;
  const requirements = rootFile === undefined ? [] : walker.inReadingOrder(rootFile, (parsed) => parsed.requirements);
  const constraints = rootFile === undefined ? [] : walker.inReadingOrder(rootFile, (parsed) => parsed.constraints);
  const setFindings = checkRequirementSet({ requirements, constraints, optionSources: walker.optionSources });
  return {
    ok: true,
    rootPath,
    files,
    requirements,
    constraints,
    options: mergeOptions(files.map((file) => file.parsed.options)),
    findings: [...files.flatMap((file) => file.parsed.findings), ...setFindings],
  };
}
