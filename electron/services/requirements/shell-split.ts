// pip splits the option part of a line with Python's shlex.split (POSIX mode); this does the same so
// that quoting behaves as in pip.

export type ShellSplitResult = { ok: true; tokens: string[] } | { ok: false; reason: 'unclosed-quote' | 'trailing-escape' };

export function shellSplit(input: string): ShellSplitResult {
  const tokens: string[] = [];
  let current = '';
  let inToken = false;
  let quote: '"' | "'" | null = null;

  for (let i = 0; i < input.length; i++) {
    const ch = input.charAt(i);
    if (quote === "'") {
      if (ch === "'") quote = null;
      else current += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = null;
      else if (ch === '\\') {
        // Inside double quotes shlex only treats \" and \\ as escapes.
        const next = input.charAt(i + 1);
        if (i + 1 >= input.length) return { ok: false, reason: 'unclosed-quote' };
        if (next === '"' || next === '\\') {
          current += next;
          i++;
        } else current += ch;
      } else current += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inToken) tokens.push(current);
      current = '';
      inToken = false;
      continue;
    }
    inToken = true;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\') {
      if (i + 1 >= input.length) return { ok: false, reason: 'trailing-escape' };
      current += input.charAt(i + 1);
      i++;
    } else current += ch;
  }
  if (quote !== null) return { ok: false, reason: 'unclosed-quote' };
  if (inToken) tokens.push(current);
  return { ok: true, tokens };
}
