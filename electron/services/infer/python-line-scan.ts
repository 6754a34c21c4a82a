/**
 * Just enough of Python's tokenizer to know, line by line, whether the next line starts a new
 * logical line: open brackets, open triple-quoted strings and backslash continuations carry on.
 */

export interface ScanState {
  depth: number;
  triple: '"""' | "'''" | null;
  continued: boolean;
}

export function newScanState(): ScanState {
  return { depth: 0, triple: null, continued: false };
}

export function startsLogicalLine(state: ScanState): boolean {
  return state.depth === 0 && state.triple === null && !state.continued;
}

/**
 * Updates bracket depth, open triple-quoted strings and backslash continuation across one line.
 * Returns where the code part ends (the start of a comment, or the line length).
 */
export function scanLine(line: string, state: ScanState): number {
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

/**
 * IPython's first clean-ups of a cell (IPython 8 `inputtransformer2`: `leading_indent`,
 * `classic_prompt`): the common indentation goes, and pasted `>>> ` / `... ` prompts are removed
 * when one of the first two lines has one. Line count is kept.
 */
export function cleanCellLines(lines: readonly string[]): string[] {
  const prompt = /^(>>>|\.\.\.)( |$)/;
  const firstTwo = lines.filter((line) => line.trim() !== '').slice(0, 2);
  const unprompted = firstTwo.some((line) => /^>>>( |$)/.test(line)) ? lines.map((line) => line.replace(prompt, '')) : [...lines];
  const indents = unprompted.filter((line) => line.trim() !== '').map((line) => /^[ \t]*/.exec(line)?.[0] ?? '');
  if (indents.length === 0) return unprompted;
  let common = indents[0] ?? '';
  for (const indent of indents) {
    let n = 0;
    while (n < common.length && n < indent.length && common[n] === indent[n]) n++;
    common = common.slice(0, n);
  }
  if (common === '') return unprompted;
  return unprompted.map((line) => (line.startsWith(common) ? line.slice(common.length) : line.trimStart()));
}
