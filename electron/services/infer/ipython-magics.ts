import { cleanCellLines, newScanState, scanLine, startsLogicalLine, type ScanState } from './python-line-scan';

/**
 * A notebook cell is IPython, not Python: `%pip install x`, `!ls`, `obj?` and `%%bash` cells are
 * syntax errors to a Python parser. This turns a cell into plain Python of the same line count
 * (so reported lines stay right) and keeps the shell/magic lines aside for the pip reader.
 * What IPython does was read from IPython 8 (`IPython/core/inputtransformer2.py`,
 * `interactiveshell.py` `transform_cell`) and checked with IPython 8.12's TransformerManager.
 */

export interface CellCommand {
  /** 1-based line within the cell where the command starts. */
  line: number;
  /** The command as IPython would see it, continuation lines joined: `%pip install -q x`, `!pip …`. */
  command: string;
}

/** Something in the cell that IPython itself refuses, worth telling the user. */
export interface CellProblem {
  line: number;
  message: string;
}

export interface PreparedCell {
  /** Python source with every magic line replaced by `pass` (or blanked), same number of lines. */
  python: string;
  commands: CellCommand[];
  /** A `%%writefile name.py` cell creates a module the other cells may import. */
  writtenModule: string | null;
  problems: CellProblem[];
}

type CellBody = 'ipython' | 'python' | 'shell';

// What the body of each cell magic is; a magic not listed (html, javascript, latex, markdown,
// svg, sql, perl, ruby, R, cython…) has a body that is not Python and is skipped.
const CELL_MAGIC_BODY: Readonly<Record<string, CellBody>> = {
  // IPython runs the body as a cell (magics inside are transformed): timed, captured, profiled.
  capture: 'ipython',
  time: 'ipython',
  timeit: 'ipython',
  prun: 'ipython',
  debug: 'ipython',
  px: 'ipython',
  memit: 'ipython',
  mprun: 'ipython',
  snakeviz: 'ipython',
  pyinstrument: 'ipython',
  // A Python subprocess runs the body as a script: the image's Python must import what it imports.
  python: 'python',
  python3: 'python',
  bash: 'shell',
  sh: 'shell',
  zsh: 'shell',
  system: 'shell',
  sx: 'shell',
  '!': 'shell',
};

// Line magics whose argument is a Python statement IPython runs (`%time import torch`).
const STATEMENT_LINE_MAGICS = new Set(['time', 'timeit', 'prun', 'memit', 'debug']);
// Options that take a value, per magic (`%timeit -n 10 -r 3 stmt`, `%prun -s cumulative stmt`).
const VALUE_OPTIONS: Readonly<Record<string, ReadonlySet<string>>> = {
  timeit: new Set(['n', 'r', 'p']),
  prun: new Set(['D', 'l', 's', 'T']),
  memit: new Set(['r', 't']),
};

// IPython's line magics and default shell aliases (IPython 8, `IPython/core/magics/*.py` and
// `alias.py`): without `%` they still run, but only when the cell is that one line.
const AUTOMAGIC_NAMES = new Set(
  `alias alias_magic autoawait autocall automagic bookmark cd code_wrap colors conda config debug dhist dirs
   doctest_mode edit env gui history load load_ext loadpy logoff logon logstart logstate logstop lsmagic macro magic
   mamba matplotlib micromamba notebook page pastebin pdb pdef pdoc pfile pinfo pinfo2 pip popd pprint precision prun
   psearch psource pushd pwd pycat quickref recall rehashx reload_ext rerun reset reset_selective run save sc set_env
   store sx system tb time timeit unalias unload_ext uv who who_ls whos xdel xmode
   cat clear cp ldir less lf lk ll ls lx man mkdir more mv rm rmdir`.split(/\s+/),
);
// The ones that matter here even in a cell of several lines, where IPython refuses them.
const AUTOMAGIC_THAT_MATTER = /^(pip|conda|mamba|micromamba|uv|run|load_ext|reload_ext)$/;
// What may follow a magic's name for the line not to be Python (`pip install x`, `cd ..`).
const AUTOMAGIC_LINE = /^([A-Za-z_]\w*)[ \t]+(?!(?:in|is|if|else|and|or|not|for)\b)[^\s=(\[,:;+*/%<>&|^@!)]/;

export function prepareCell(source: string): PreparedCell {
  const lines = cleanCellLines(source.split(/\r\n|\r|\n/));
  const firstCodeLine = lines.findIndex((line) => line.trim() !== '');
  const cellMagic = firstCodeLine === -1 ? null : /^%%(\S+)(.*)$/.exec(lines[firstCodeLine] ?? '');
  if (cellMagic === null || firstCodeLine === -1) {
    const prepared = blankLineMagics(lines, 0, isSingleLine(lines));
    return { ...prepared, python: prepared.python.join('\n'), writtenModule: null };
  }
  const name = cellMagic[1] ?? '';
  const args = (cellMagic[2] ?? '').trim();
  const header = firstCodeLine;
  const body = lines.slice(header + 1);
  const blankHeader = lines.slice(0, header + 1).map(() => '');
  const skipped: PreparedCell = { python: lines.map(() => '').join('\n'), commands: [], writtenModule: null, problems: [] };

  if (name === 'writefile' || name === 'file') {
    const target =
      args
        .split(/\s+/)
        .filter((arg) => !arg.startsWith('-'))
        .pop() ?? '';
    const module = /(?:^|[\\/])([A-Za-z_]\w*)\.py$/.exec(target)?.[1] ?? null;
    if (module === null) return skipped;
    // The body is a plain Python file on disk once the cell runs: parse it as such.
    return { python: [...blankHeader, ...body].join('\n'), commands: [], writtenModule: module, problems: [] };
  }
  const kind = name === 'script' ? (/^(\S*\/)?(ba|z)?sh\b/.test(args) ? 'shell' : /^(\S*\/)?python3?\b/.test(args) ? 'python' : null) : CELL_MAGIC_BODY[name];
  if (kind === 'ipython') {
    const prepared = blankLineMagics(body, header + 1, false);
    // `%%timeit setup`: the rest of the magic's line is setup code, run before the timed body.
    const setup = name === 'timeit' ? statementAfterOptions(args, VALUE_OPTIONS.timeit) : null;
    if (setup !== null && isImport(setup)) blankHeader[header] = setup;
    return { python: [...blankHeader, ...prepared.python].join('\n'), commands: prepared.commands, writtenModule: null, problems: prepared.problems };
  }
  if (kind === 'python') return { python: [...blankHeader, ...body].join('\n'), commands: [], writtenModule: null, problems: [] };
  if (kind === 'shell') return { ...skipped, commands: shellLines(body, header + 1) };
  return skipped;
}

/** IPython applies automagic only to a cell of one line (`transform_cell`: `len(cell.splitlines()) == 1`). */
function isSingleLine(lines: readonly string[]): boolean {
  const from = lines.findIndex((line) => line.trim() !== '');
  if (from === -1) return false;
  const rest = lines.slice(from);
  const count = rest[rest.length - 1] === '' ? rest.length - 1 : rest.length;
  return count === 1;
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

interface LineMagics {
  python: string[];
  commands: CellCommand[];
  problems: CellProblem[];
}

/**
 * Replaces IPython line syntax with `pass` at the same indentation, so a `!pip install` inside an
 * `if` block leaves a valid block. Only lines that start a new logical line count: a `%` at the
 * start of a line inside brackets or a triple-quoted string is Python's modulo or text. A magic
 * continues over backslash-ended lines only, as in IPython.
 */
function blankLineMagics(lines: string[], offset: number, singleLine: boolean): LineMagics {
  const out: string[] = [];
  const commands: CellCommand[] = [];
  const problems: CellProblem[] = [];
  const state = newScanState();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const trimmed = line.trimStart();
    const indent = line.slice(0, line.length - trimmed.length);
    const magic = startsLogicalLine(state) ? classifyLine(trimmed, line, state, singleLine) : null;
    if (magic === null) {
      scanLine(line, state);
      out.push(line);
      continue;
    }
    const start = i;
    let text = trimmed;
    const at = out.length;
    out.push(`${indent}pass`);
    while (text.endsWith('\\') && i + 1 < lines.length) {
      i++;
      text = `${text.slice(0, -1).trimEnd()} ${(lines[i] ?? '').trim()}`;
      out.push('');
    }
    const command = magic === 'bare' ? `%${text}` : commandText(text);
    if (magic !== 'other-magic') commands.push({ line: offset + start + 1, command });
    const statement = statementOfLineMagic(command);
    if (statement !== null) out[at] = `${indent}${statement}`;
    if (magic === 'bare' && !singleLine) {
      problems.push({
        line: offset + start + 1,
        message: `\`${text}\` has no %: IPython runs a magic written that way only when it is the only line of its cell, so this cell stops with a syntax error. Write \`%${text}\`; it is read here as if it were.`,
      });
    }
  }
  return { python: out, commands, problems };
}

type LineClass = 'command' | 'bare' | 'other-magic';

function classifyLine(trimmed: string, line: string, state: ScanState, singleLine: boolean): LineClass | null {
  if (trimmed.startsWith('!') || /^%%?[A-Za-z]/.test(trimmed)) return 'command';
  if (trimmed.startsWith('%') || trimmed.startsWith('?')) return 'other-magic';
  // `files = !ls` and `out = %sx ls`: IPython's assignment forms.
  if (/^[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]/.test(trimmed)) return 'command';
  const bare = AUTOMAGIC_LINE.exec(trimmed)?.[1];
  if (bare !== undefined && AUTOMAGIC_NAMES.has(bare) && (singleLine || AUTOMAGIC_THAT_MATTER.test(bare))) return 'bare';
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

/** `%time import torch` runs that import: put it in the line's place so it is read. */
function statementOfLineMagic(command: string): string | null {
  const magic = /^%([A-Za-z_]\w*)\s+(.*)$/.exec(command);
  const name = magic?.[1];
  if (name === undefined || !STATEMENT_LINE_MAGICS.has(name)) return null;
  const statement = statementAfterOptions(magic?.[2] ?? '', VALUE_OPTIONS[name]);
  return statement !== null && isImport(statement) ? statement : null;
}

/** The rest of a magic's arguments once its `-x` / `-x value` / `-xvalue` options are taken off. */
function statementAfterOptions(args: string, valueOptions: ReadonlySet<string> = new Set()): string | null {
  let rest = args.trim();
  for (let option = /^-(\w)(\S*)\s*/.exec(rest); option !== null; option = /^-(\w)(\S*)\s*/.exec(rest)) {
    rest = rest.slice(option[0].length);
    if (valueOptions.has(option[1] ?? '') && option[2] === '') rest = rest.replace(/^\S+\s*/, '');
  }
  return rest === '' ? null : rest;
}

function isImport(statement: string): boolean {
  return /^(import|from)\s/.test(statement);
}
