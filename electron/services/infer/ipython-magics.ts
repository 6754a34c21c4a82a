/**
 * A notebook cell is IPython, not Python: `%pip install x`, `!ls`, `obj?` and `%%bash` cells are
 * syntax errors to a Python parser. This turns a cell into plain Python of the same line count
 * (so reported lines stay right) and keeps the shell/magic lines aside for the pip reader.
 */

export interface CellCommand {
  /** 1-based line within the cell where the command starts. */
  line: number;
  /** The command as IPython would see it, continuation lines joined: `%pip install -q x`, `!pip …`. */
  command: string;
}

export interface PreparedCell {
  /** Python source with every magic line replaced by `pass` (or blanked), same number of lines. */
  python: string;
  commands: CellCommand[];
  /** A `%%writefile name.py` cell creates a module the other cells may import. */
  writtenModule: string | null;
}

// Cell magics whose body is Python that IPython runs as usual (timed, captured, profiled…).
const PYTHON_BODY_CELL_MAGICS = new Set([
  'capture',
  'time',
  'timeit',
  'prun',
  'debug',
  'px',
  'memit',
  'mprun',
  'snakeviz',
  'pyinstrument',
  'tensorflow_version',
]);
// Cell magics whose body is shell: `pip install` lines in them still count.
const SHELL_CELL_MAGICS = new Set(['bash', 'sh', 'system', 'script', '!']);

export function prepareCell(source: string): PreparedCell {
  const lines = source.split(/\r\n|\r|\n/);
  const firstCodeLine = lines.findIndex((line) => line.trim() !== '');
  const cellMagic = firstCodeLine === -1 ? null : /^\s*%%(\S+)(.*)$/.exec(lines[firstCodeLine] ?? '');
  if (cellMagic === null || firstCodeLine === -1) {
    const { python, commands } = blankLineMagics(lines, 0);
    return { python: python.join('\n'), commands, writtenModule: null };
  }
  const name = cellMagic[1] ?? '';
  const args = (cellMagic[2] ?? '').trim();
  const header = firstCodeLine;
  const body = lines.slice(header + 1);
  const blankAll = (): string => lines.map(() => '').join('\n');

  if (PYTHON_BODY_CELL_MAGICS.has(name)) {
    const { python, commands } = blankLineMagics(body, header + 1);
    const blankedHeader = lines.slice(0, header + 1).map(() => '');
    return { python: [...blankedHeader, ...python].join('\n'), commands, writtenModule: null };
  }
  if (name === 'writefile') {
    const target = args.split(/\s+/).filter((arg) => !arg.startsWith('-')).pop() ?? '';
    const module = /(?:^|[\\/])([A-Za-z_]\w*)\.py$/.exec(target)?.[1] ?? null;
    if (module === null) return { python: blankAll(), commands: [], writtenModule: null };
    // The body is a plain Python file on disk once the cell runs: parse it as such.
    const python = [...lines.slice(0, header + 1).map(() => ''), ...body];
    return { python: python.join('\n'), commands: [], writtenModule: module };
  }
  if (SHELL_CELL_MAGICS.has(name) && (name !== 'script' || /\b(ba|z)?sh\b/.test(args))) {
    return { python: blankAll(), commands: shellLines(body, header + 1), writtenModule: null };
  }
  return { python: blankAll(), commands: [], writtenModule: null };
}

/** Lines of a shell cell, with `\` continuations joined, as `!command` entries. */
function shellLines(body: string[], offset: number): CellCommand[] {
  const commands: CellCommand[] = [];
  for (let i = 0; i < body.length; i++) {
    const start = i;
    let text = body[i] ?? '';
    while (text.endsWith('\\') && i + 1 < body.length) {
      i++;
      text = `${text.slice(0, -1).trimEnd()} ${(body[i] ?? '').trim()}`;
    }
    const trimmed = text.trim();
    if (trimmed !== '' && !trimmed.startsWith('#')) commands.push({ line: offset + start + 1, command: `!${trimmed}` });
  }
  return commands;
}

/**
 * Replaces IPython line syntax with `pass` at the same indentation, so a `!pip install` inside an
 * `if` block leaves a valid block. Only lines that start a new logical line count: a `%` at the
 * start of a line inside brackets or a triple-quoted string is Python's modulo or text.
 */
function blankLineMagics(lines: string[], offset: number): { python: string[]; commands: CellCommand[] } {
  const out: string[] = [];
  const commands: CellCommand[] = [];
  const state: ScanState = { depth: 0, triple: null, continued: false };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const startsLogicalLine = state.depth === 0 && state.triple === null && !state.continued;
    const trimmed = line.trimStart();
    const indent = line.slice(0, line.length - trimmed.length);
    const magic = startsLogicalLine ? classifyLine(trimmed, line, state) : null;
    if (magic === null) {
      scanLine(line, state);
      out.push(line);
      continue;
    }
    // A magic line continues with a trailing backslash, like a shell line.
    const start = i;
    let text = trimmed;
    out.push(`${indent}pass`);
    while (text.endsWith('\\') && i + 1 < lines.length) {
      i++;
      text = `${text.slice(0, -1).trimEnd()} ${(lines[i] ?? '').trim()}`;
      out.push('');
    }
    if (magic === 'command') commands.push({ line: offset + start + 1, command: commandText(text) });
  }
  return { python: out, commands };
}

type LineClass = 'command' | 'other-magic';

function classifyLine(trimmed: string, line: string, state: ScanState): LineClass | null {
  if (trimmed.startsWith('!') || /^%%?[A-Za-z]/.test(trimmed)) return 'command';
  if (trimmed.startsWith('%') || trimmed.startsWith('?')) return 'other-magic';
  // `files = !ls` and `out = %sx ls`: IPython's assignment forms.
  if (/^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]/.test(trimmed)) return 'command';
  // `obj?` / `obj??` help: the code part of the line (comments excluded) ends with `?`.
  const probe: ScanState = { ...state };
  const codeEnd = scanLine(line, probe);
  if (probe.triple === null && line.slice(0, codeEnd).trimEnd().endsWith('?')) return 'other-magic';
  return null;
}

/** `x = !cmd` keeps only `!cmd`; everything else is kept as written. */
function commandText(trimmed: string): string {
  const assignment = /^[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([!%].*)$/.exec(trimmed);
  return (assignment?.[1] ?? trimmed).trim();
}

interface ScanState {
  depth: number;
  triple: '"""' | "'''" | null;
  continued: boolean;
}

/**
 * Updates bracket depth, open triple-quoted strings and backslash continuation across one line.
 * Returns where the code part ends (the start of a comment, or the line length).
 */
function scanLine(line: string, state: ScanState): number {
  let i = 0;
  state.continued = false;
  while (i < line.length) {
    if (state.triple !== null) {
      const close = findClosing(line, i, state.triple);
      if (close === -1) return line.length;
      i = close + 3;
      state.triple = null;
      continue;
    }
    const ch = line[i];
    if (ch === '#') return i;
    if (ch === '"' || ch === "'") {
      const quote = ch.repeat(3);
      if (line.startsWith(quote, i)) {
        state.triple = quote === '"""' ? '"""' : "'''";
        i += 3;
        continue;
      }
      const close = findClosing(line, i + 1, ch);
      i = close === -1 ? line.length : close + 1;
      continue;
    }
    if (ch === '(' || ch === '[' || ch === '{') state.depth++;
    else if (ch === ')' || ch === ']' || ch === '}') state.depth = Math.max(0, state.depth - 1);
    else if (ch === '\\' && i === line.length - 1) state.continued = true;
    i++;
  }
  return line.length;
}

function findClosing(line: string, from: number, quote: string): number {
  for (let i = from; i < line.length; i++) {
    if (line[i] === '\\') {
      i++;
      continue;
    }
    if (line.startsWith(quote, i)) return i;
  }
  return -1;
}
