// Turns file text into the logical lines pip sees, keeping the physical line numbers the user sees.
// Mirrors pip's req_file.preprocess (join_lines, then ignore_comments) so that we accept and reject
// exactly what pip would, quirks included.

export interface LogicalLine {
  /** First physical line, 1-based. */
  line: number;
  /** Last physical line (differs from `line` for continued lines). */
  endLine: number;
  /** The physical lines as typed, joined with '\n'. */
  raw: string;
  /** What pip parses: continuations joined, the comment removed, trimmed. */
  content: string;
  /** True when the line held a comment (so an empty content is a comment line, not a blank one). */
  hadComment: boolean;
}

export interface SplitResult {
  lines: LogicalLine[];
  physicalLineCount: number;
}

// pip: COMMENT_RE = r"(^|\s+)#.*$"; 's' so that '.' also runs over exotic line separators.
const COMMENT = /(^|\s+)#.*$/s;
const COMMENT_LINE = /^\s*#/;

export function splitPhysicalLines(text: string): string[] {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (withoutBom === '') return [];
  const parts = withoutBom.split(/\r\n|\r|\n/);
  // A final newline ends the last line; it does not start another one.
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

export function splitLogicalLines(text: string): SplitResult {
  const physical = splitPhysicalLines(text);
  const lines: LogicalLine[] = [];
  let pending: { start: number; raws: string[]; joined: string } | null = null;

  const emit = (start: number, end: number, raws: string[], joined: string): void => {
    const hadComment = COMMENT.test(joined);
    const content = joined.replace(COMMENT, '').trim();
    lines.push({ line: start, endLine: end, raw: raws.join('\n'), content, hadComment });
  };

  for (let index = 0; index < physical.length; index++) {
    const physicalLine = physical[index] ?? '';
    const lineNumber = index + 1;
    const isComment = COMMENT_LINE.test(physicalLine);
    if (physicalLine.endsWith('\\') && !isComment) {
      // pip strips every leading and trailing backslash of a continued line, not only the last one.
      const piece = physicalLine.replace(/^\\+|\\+$/g, '');
      if (pending === null) pending = { start: lineNumber, raws: [physicalLine], joined: piece };
      else {
        pending.raws.push(physicalLine);
        pending.joined += piece;
      }
      continue;
    }
    if (pending !== null) {
      // pip prefixes a comment line that ends a continuation with a space so it stays a comment.
      const piece = isComment ? ` ${physicalLine}` : physicalLine;
      emit(pending.start, lineNumber, [...pending.raws, physicalLine], pending.joined + piece);
      pending = null;
      continue;
    }
    emit(lineNumber, lineNumber, [physicalLine], physicalLine);
  }
  if (pending !== null) emit(pending.start, physical.length, pending.raws, pending.joined);

  return { lines, physicalLineCount: physical.length };
}
