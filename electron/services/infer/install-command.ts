/**
 * Reads `%pip install …`, `!pip install …`, `!python -m pip install …` (and conda's equivalents) as
 * the user wrote them. We do not run them: we keep the requirements and options so the user sees
 * what the notebook installs and the requirements join the recipe with their version specs.
 */

export interface InstallCommand {
  tool: 'pip' | 'conda';
  /** Requirement specs as written (`pandas>=2`, `git+https://…`, `"numpy<2"` without quotes). */
  requirements: string[];
  /** Option tokens as written, with their value when they take one (`-r requirements.txt`). */
  options: string[];
  requirementFiles: string[];
  constraintFiles: string[];
  editables: string[];
  indexUrls: string[];
  /** Tokens IPython would expand at run time (`{pkg}`, `$PKG`): we cannot know them. */
  unresolved: string[];
}

// pip install options that take a value (pip 24/25 `pip install --help`, general options included).
const PIP_VALUE_LONG = new Set([
  '--requirement',
  '--constraint',
  '--editable',
  '--target',
  '--platform',
  '--python-version',
  '--implementation',
  '--abi',
  '--root',
  '--prefix',
  '--src',
  '--upgrade-strategy',
  '--index-url',
  '--extra-index-url',
  '--find-links',
  '--trusted-host',
  '--no-binary',
  '--only-binary',
  '--progress-bar',
  '--report',
  '--root-user-action',
  '--config-settings',
  '--global-option',
  '--use-feature',
  '--use-deprecated',
  '--log',
  '--log-file',
  '--proxy',
  '--retries',
  '--timeout',
  '--exists-action',
  '--cert',
  '--client-cert',
  '--cache-dir',
  '--keyring-provider',
  '--python',
  '--group',
]);
const PIP_VALUE_SHORT = new Set(['r', 'c', 'e', 't', 'i', 'f', 'C']);
const CONDA_VALUE_OPTIONS = new Set(['-c', '--channel', '-n', '--name', '-p', '--prefix', '--file']);

const SEGMENT_SEPARATORS = new Set(['&&', '||', ';', '|', '&']);
const REDIRECT = /^(\d*>>?|&>|<|\d*>&\d*)$/;

interface Token {
  text: string;
  /** True for shell operators (`&&`, `;`, `>`…), which quoting turns back into words. */
  operator: boolean;
}

/** Every install command on one cell line (`!pip install a && pip install b` gives two). */
export function parseInstallCommands(command: string): InstallCommand[] {
  const trimmed = command.trim();
  let words: Token[];
  if (trimmed.startsWith('%')) {
    const magic = /^%+(\w+)\s*(.*)$/s.exec(trimmed);
    if (magic === null) return [];
    const tool = magic[1] ?? '';
    if (!['pip', 'conda', 'mamba', 'micromamba', 'uv'].includes(tool)) return [];
    words = [{ text: tool, operator: false }, ...tokenize(magic[2] ?? '')];
  } else if (trimmed.startsWith('!')) {
    words = tokenize(trimmed.replace(/^!+/, ''));
  } else {
    words = tokenize(trimmed);
  }
  return splitSegments(words).flatMap((segment) => {
    const parsed = parseSegment(segment);
    return parsed === null ? [] : [parsed];
  });
}

function splitSegments(tokens: Token[]): string[][] {
  const segments: string[][] = [[]];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    if (token.operator && SEGMENT_SEPARATORS.has(token.text)) {
      segments.push([]);
    } else if (token.operator && REDIRECT.test(token.text)) {
      // `> /dev/null` and `2>&1`: the redirect's target is not an argument.
      if (!/&\d$/.test(token.text)) i++;
    } else {
      segments[segments.length - 1]?.push(token.text);
    }
  }
  return segments.filter((segment) => segment.length > 0);
}

function parseSegment(words: string[]): InstallCommand | null {
  let i = 0;
  // Leading `VAR=value` assignments and `sudo` do not change what gets installed.
  while (i < words.length && /^[A-Za-z_]\w*=/.test(words[i] ?? '')) i++;
  if (words[i] === 'sudo') {
    i++;
    while ((words[i] ?? '').startsWith('-')) i++;
  }
  const program = words[i] ?? '';
  const base = program.split(/[\\/]/).pop() ?? program;
  let tool: 'pip' | 'conda' | null = null;
  if (/^pip(\d+(\.\d+)?)?(\.exe)?$/.test(base)) {
    tool = 'pip';
    i++;
  } else if (/^(python(\d+(\.\d+)?)?(\.exe)?|\{sys\.executable\}|\$\{?PYTHON\}?)$/.test(base)) {
    const m = words.indexOf('-m', i + 1);
    if (m === -1 || words[m + 1] !== 'pip') return null;
    tool = 'pip';
    i = m + 2;
  } else if (base === 'uv' && words[i + 1] === 'pip') {
    tool = 'pip';
    i += 2;
  } else if (['conda', 'mamba', 'micromamba'].includes(base)) {
    tool = 'conda';
    i++;
  }
  if (tool === null) return null;
  // pip's general options may come before the subcommand (`pip -q install x`).
  const leading: string[] = [];
  while (i < words.length && (words[i] ?? '').startsWith('-')) leading.push(words[i++] ?? '');
  if (words[i] !== 'install') return null;
  const args = words.slice(i + 1);
  return tool === 'pip' ? parsePipArgs(leading, args) : parseCondaArgs(leading, args);
}

function emptyCommand(tool: 'pip' | 'conda', options: string[]): InstallCommand {
  return {
    tool,
    requirements: [],
    options,
    requirementFiles: [],
    constraintFiles: [],
    editables: [],
    indexUrls: [],
    unresolved: [],
  };
}

function parsePipArgs(leading: string[], args: string[]): InstallCommand {
  const result = emptyCommand('pip', [...leading]);
  const addValue = (name: string, value: string): void => {
    if (name === '-r' || name === '--requirement') result.requirementFiles.push(value);
    else if (name === '-c' || name === '--constraint') result.constraintFiles.push(value);
    else if (name === '-e' || name === '--editable') result.editables.push(value);
    else if (name === '-i' || name === '--index-url' || name === '--extra-index-url') result.indexUrls.push(value);
  };
  let positionalOnly = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (!positionalOnly && word === '--') {
      positionalOnly = true;
    } else if (!positionalOnly && word.startsWith('--')) {
      const eq = word.indexOf('=');
      const name = eq === -1 ? word : word.slice(0, eq);
      if (PIP_VALUE_LONG.has(name)) {
        const value = eq === -1 ? (args[++i] ?? '') : word.slice(eq + 1);
        result.options.push(eq === -1 ? `${word} ${value}` : word);
        addValue(name, value);
      } else {
        result.options.push(word);
      }
    } else if (!positionalOnly && word.startsWith('-') && word.length > 1) {
      // A short-option cluster (`-qU`, `-qr req.txt`, `-rreq.txt`): the first option that takes a
      // value takes the rest of the cluster, or the next word.
      const cluster = word.slice(1);
      const at = [...cluster].findIndex((flag) => PIP_VALUE_SHORT.has(flag));
      if (at === -1) {
        result.options.push(word);
      } else {
        const attached = cluster.slice(at + 1).replace(/^=/, '');
        const value = attached !== '' ? attached : (args[++i] ?? '');
        result.options.push(attached !== '' ? word : `${word} ${value}`);
        addValue(`-${cluster[at] ?? ''}`, value);
      }
    } else if (args[i + 1] === '@' && args[i + 2] !== undefined) {
      // `name @ url` written without quotes arrives as three words.
      result.requirements.push(`${word} @ ${args[i + 2] ?? ''}`);
      i += 2;
    } else if (isUnresolved(word)) {
      result.unresolved.push(word);
    } else {
      result.requirements.push(word);
    }
  }
  for (const value of [...result.requirementFiles, ...result.constraintFiles, ...result.editables]) {
    if (isUnresolved(value)) result.unresolved.push(value);
  }
  return result;
}

function parseCondaArgs(leading: string[], args: string[]): InstallCommand {
  const result = emptyCommand('conda', [...leading]);
  for (let i = 0; i < args.length; i++) {
    const word = args[i] ?? '';
    if (CONDA_VALUE_OPTIONS.has(word)) {
      const value = args[++i] ?? '';
      result.options.push(`${word} ${value}`);
      if (word === '--file') result.requirementFiles.push(value);
    } else if (word.startsWith('-')) {
      result.options.push(word);
    } else if (isUnresolved(word)) {
      result.unresolved.push(word);
    } else {
      result.requirements.push(word);
    }
  }
  return result;
}

function isUnresolved(word: string): boolean {
  return /\{[^}]*\}|\$\{?[A-Za-z_]/.test(word);
}

/** Shell-like words: quotes group and are removed, `#` at a word start begins a comment. */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let current = '';
  let inWord = false;
  let quoted = false;
  const flush = (): void => {
    if (inWord) tokens.push({ text: current, operator: false });
    current = '';
    inWord = false;
    quoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === "'" || ch === '"') {
      const close = text.indexOf(ch, i + 1);
      const end = close === -1 ? text.length : close;
      current += text.slice(i + 1, end);
      inWord = true;
      quoted = true;
      i = end;
    } else if (ch === '\\' && i + 1 < text.length) {
      current += text[++i] ?? '';
      inWord = true;
    } else if (/\s/.test(ch)) {
      flush();
    } else if (ch === '#' && !inWord) {
      break;
    } else if ((ch === '<' || ch === '>') && inWord && !/^\d+$/.test(current)) {
      // `pandas>=2` unquoted is a redirect to a shell, but the user meant a version spec.
      current += ch;
    } else if (!quoted && /[;&|<>]/.test(ch)) {
      // A redirect may carry a file descriptor just before it (`2>`), already in `current`.
      const fd = /^\d+$/.test(current) && (ch === '>' || ch === '<') ? current : '';
      if (fd === '') flush();
      const operator = /^(&&|\|\||>>|&>|>&\d*|;|&|\||>|<)/.exec(text.slice(i))?.[0] ?? ch;
      tokens.push({ text: fd + operator, operator: true });
      current = '';
      inWord = false;
      i += operator.length - 1;
    } else {
      current += ch;
      inWord = true;
    }
  }
  flush();
  return tokens;
}

/**
 * The distribution name in a requirement spec (PEP 508), or null for paths, URLs without a name
 * and archives we cannot name.
 */
export function requirementName(spec: string): string | null {
  const text = spec.trim();
  const direct = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*@\s*\S/.exec(text);
  if (direct !== null) return direct[1] ?? null;
  const egg = /[#&]egg=([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(text);
  if (egg !== null) return egg[1] ?? null;
  if (/^[.~/\\]/.test(text) || /:\/\//.test(text)) return null;
  const archive = /(?:^|[\\/])([A-Za-z0-9][A-Za-z0-9_.]*?)-\d[^\\/]*\.(whl|tar\.gz|zip|tar\.bz2)$/.exec(text);
  if (archive !== null) return archive[1] ?? null;
  if (/[\\/]/.test(text)) return null;
  const named = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(\[[^\]]*\])?\s*(.*)$/s.exec(text);
  if (named === null) return null;
  const rest = named[3] ?? '';
  return rest === '' || /^[<>=!~;,(]/.test(rest) ? (named[1] ?? null) : null;
}
