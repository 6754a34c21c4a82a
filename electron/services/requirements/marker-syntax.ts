// PEP 508 environment markers: syntax check and a canonical spelling. Markers are not evaluated here;
// pip does that inside the image, where the real Python version is known.

export type MarkerValue = { kind: 'variable'; name: string } | { kind: 'string'; value: string };

export type MarkerNode =
  { kind: 'compare'; left: MarkerValue; op: string; right: MarkerValue } | { kind: 'group'; inner: MarkerNode } | { kind: 'and' | 'or'; items: MarkerNode[] };

export type MarkerParseResult =
  { ok: true; node: MarkerNode; text: string; usesExtra: boolean } | { ok: false; code: 'invalid-marker' | 'unknown-marker-variable'; message: string };

// The variables the tokenizer of `packaging` (what pip uses) knows, legacy dotted spellings included.
export const MARKER_VARIABLES: ReadonlySet<string> = new Set([
  'python_version',
  'python_full_version',
  'os_name',
  'os.name',
  'sys_platform',
  'sys.platform',
  'platform_release',
  'platform_system',
  'platform_version',
  'platform.version',
  'platform_machine',
  'platform.machine',
  'platform_python_implementation',
  'platform.python_implementation',
  'python_implementation',
  'implementation_name',
  'implementation_version',
  'extra',
  'extras',
  'dependency_groups',
]);

const OPERATORS = ['===', '==', '~=', '!=', '<=', '>=', '<', '>'] as const;

type Token =
  { type: 'lparen' | 'rparen'; text: string } | { type: 'string'; text: string; value: string } | { type: 'op'; text: string } | { type: 'word'; text: string };

class MarkerSyntaxError extends Error {
  constructor(
    readonly code: 'invalid-marker' | 'unknown-marker-variable',
    message: string,
  ) {
    super(message);
  }
}

function fail(message: string): never {
  throw new MarkerSyntaxError('invalid-marker', message);
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ type: ch === '(' ? 'lparen' : 'rparen', text: ch });
      i++;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail(`Unterminated string in marker: ${text.slice(i)}`);
      tokens.push({ type: 'string', text: text.slice(i, end + 1), value: text.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
    if (op !== undefined) {
      tokens.push({ type: 'op', text: op });
      i += op.length;
      continue;
    }
    if (ch === '=') fail("Use '==' to compare in a marker, not '='");
    if ('!~'.includes(ch)) fail(`Unexpected '${ch}' in marker`);
    const word = /^[^\s()'"=<>!~]+/.exec(text.slice(i));
    if (word === null) fail(`Unexpected '${ch}' in marker`);
    tokens.push({ type: 'word', text: word[0] });
    i += word[0].length;
  }
  return tokens;
}

class MarkerParser {
  private position = 0;
  usesExtra = false;

  constructor(private readonly tokens: Token[]) {}

  parse(): MarkerNode {
    const node = this.parseOr();
    const rest = this.peek();
    if (rest !== undefined) {
      if (rest.type === 'rparen') fail("Unmatched ')' in marker");
      fail(`Unexpected '${rest.text}' in marker: join conditions with 'and' or 'or'`);
    }
    return node;
  }

  private peek(): Token | undefined {
    return this.tokens[this.position];
  }

  private isKeyword(word: string): boolean {
    const token = this.peek();
    return token?.type === 'word' && token.text === word;
  }

  private parseOr(): MarkerNode {
    const items = [this.parseAnd()];
    while (this.isKeyword('or')) {
      this.position++;
      if (this.peek() === undefined) fail("Marker ends after 'or': a condition must follow");
      items.push(this.parseAnd());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'or', items };
  }

  private parseAnd(): MarkerNode {
    const items = [this.parseAtom()];
    while (this.isKeyword('and')) {
      this.position++;
      if (this.peek() === undefined) fail("Marker ends after 'and': a condition must follow");
      items.push(this.parseAtom());
    }
    return items.length === 1 && items[0] !== undefined ? items[0] : { kind: 'and', items };
  }

  private parseAtom(): MarkerNode {
    const token = this.peek();
    if (token === undefined) fail('Marker ends where a condition was expected');
    if (token.type === 'lparen') {
      this.position++;
      if (this.peek()?.type === 'rparen') fail("Empty '()' in marker");
      const inner = this.parseOr();
      if (this.peek()?.type !== 'rparen') fail("Missing ')' in marker");
      this.position++;
      return { kind: 'group', inner };
    }
    const left = this.parseValue('left');
    const op = this.parseOperator(left);
    const right = this.parseValue('right');
    return { kind: 'compare', left, op, right };
  }

  private parseOperator(left: MarkerValue): string {
    const token = this.peek();
    const after = left.kind === 'variable' ? left.name : `"${left.value}"`;
    if (token === undefined) fail(`Marker ends after '${after}': a comparison such as '>= "3.9"' must follow`);
    if (token.type === 'op') {
      this.position++;
      return token.text;
    }
    if (token.type === 'word' && token.text === 'in') {
      this.position++;
      return 'in';
    }
    if (token.type === 'word' && token.text === 'not') {
      this.position++;
      const next = this.peek();
      if (next?.type === 'word' && next.text === 'in') {
        this.position++;
        return 'not in';
      }
      fail("Expected 'in' after 'not' in marker");
    }
    fail(`Expected a comparison operator after '${after}' in marker, found '${token.text}'`);
  }

  private parseValue(side: 'left' | 'right'): MarkerValue {
    const token = this.peek();
    if (token === undefined) fail('Marker ends where a value was expected');
    if (token.type === 'string') {
      this.position++;
      return { kind: 'string', value: token.value };
    }
    if (token.type === 'word') {
      if (MARKER_VARIABLES.has(token.text)) {
        this.position++;
        if (token.text === 'extra') this.usesExtra = true;
        return { kind: 'variable', name: token.text };
      }
      if (['and', 'or', 'not', 'in'].includes(token.text)) {
        fail(`Expected a marker variable or a quoted value before '${token.text}'`);
      }
      const looksLikeValue = side === 'right' || /^[0-9]/.test(token.text);
      if (looksLikeValue) fail(`Marker values must be quoted: "${token.text}" instead of ${token.text}`);
      throw new MarkerSyntaxError(
        'unknown-marker-variable',
        `Unknown marker variable '${token.text}' (known: python_version, python_full_version, sys_platform, platform_system, platform_machine, os_name, implementation_name, …)`,
      );
    }
    fail(`Expected a marker variable or a quoted value, found '${token.text}'`);
  }
}

function formatValue(value: MarkerValue): string {
  if (value.kind === 'variable') return value.name;
  return value.value.includes('"') ? `'${value.value}'` : `"${value.value}"`;
}

export function formatMarker(node: MarkerNode): string {
  switch (node.kind) {
    case 'compare':
      return `${formatValue(node.left)} ${node.op} ${formatValue(node.right)}`;
    case 'group':
      return `(${formatMarker(node.inner)})`;
    case 'and':
      return node.items.map(formatMarker).join(' and ');
    case 'or':
      return node.items.map(formatMarker).join(' or ');
  }
}

export function parseMarker(text: string): MarkerParseResult {
  if (text.trim() === '') return { ok: false, code: 'invalid-marker', message: "Marker is empty after ';'" };
  try {
    const parser = new MarkerParser(tokenize(text));
    const node = parser.parse();
    return { ok: true, node, text: formatMarker(node), usesExtra: parser.usesExtra };
  } catch (error) {
    if (error instanceof MarkerSyntaxError) return { ok: false, code: error.code, message: error.message };
    // Deep nesting can overflow the stack; report it rather than crash on hostile input.
    return { ok: false, code: 'invalid-marker', message: 'Marker is too deeply nested' };
  }
}
