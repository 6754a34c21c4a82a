import type { Node, Tree } from 'web-tree-sitter';

/**
 * Imports read from a tree-sitter syntax tree. Working on the tree, not on text, is what keeps
 * `"import x"` in a string, a comment or a docstring out, and finds imports nested anywhere.
 */

export type ImportKind = 'import' | 'from-import' | 'dynamic-import';

export interface ImportReference {
  /** The module as the statement names it (`x` for `from x import y`). */
  module: string;
  /**
   * The dotted path used to find the distribution: `from google.cloud import storage` needs
   * `google.cloud.storage`, since `google.cloud` alone belongs to no single distribution.
   */
  resolutionPath: string;
  kind: ImportKind;
  /** 1-based line within the parsed unit. */
  line: number;
  text: string;
  optional: boolean;
  typeCheckingOnly: boolean;
}

/** A shell or magic command found in code exported from a notebook (`get_ipython().system(…)`). */
export interface EmbeddedCommand {
  line: number;
  /** Written as it would appear in a cell: `%pip install x` or `!pip install x`. */
  command: string;
}

/** `from .utils import a, b`: always the user's own code, found from the file's own folder. */
export interface RelativeImport {
  /** As written, e.g. `..utils`. */
  text: string;
  /** How many leading dots: 1 is the file's own package. */
  level: number;
  /** The dotted path after the dots (`utils`), empty for `from . import x`. */
  module: string;
  /** The names imported (`a`, `b`); a submodule among them is a file to read too. */
  names: string[];
  line: number;
}

export interface SyntaxImports {
  imports: ImportReference[];
  relativeImports: RelativeImport[];
  embeddedCommands: EmbeddedCommand[];
  /** 1-based line of the first syntax error, or null when the unit parsed cleanly. */
  syntaxErrorLine: number | null;
}

const MAX_TEXT = 200;
const MODULE_PATH = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/;
// Handlers under which a failed import is survivable; a bare `except:` counts too.
const IMPORT_ERROR_HANDLER = /\b(ImportError|ModuleNotFoundError|Exception|BaseException)\b/;
const TYPE_CHECKING_CONDITION = /^(?:[A-Za-z_]\w*\.)?TYPE_CHECKING$/;
// Magics that install, run another file or load an extension: each can need a package.
const LINE_MAGICS_READ = new Set(['pip', 'conda', 'mamba', 'micromamba', 'uv', 'run', 'load_ext', 'reload_ext', 'matplotlib']);

export function extractSyntaxImports(tree: Tree): SyntaxImports {
  const root = tree.rootNode;
  const result: SyntaxImports = {
    imports: [],
    relativeImports: [],
    embeddedCommands: [],
    syntaxErrorLine: root.hasError ? firstErrorLine(root) : null,
  };
  const nodes = root.descendantsOfType(['import_statement', 'import_from_statement', 'call']);
  for (const node of nodes) {
    if (node === null) continue;
    if (node.type === 'import_statement') readImportStatement(node, result);
    else if (node.type === 'import_from_statement') readFromImport(node, result);
    else readCall(node, result);
  }
  return result;
}

function readImportStatement(node: Node, out: SyntaxImports): void {
  const context = importContext(node);
  for (const name of node.childrenForFieldName('name')) {
    const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const module = dotted === null || dotted === undefined ? null : modulePath(dotted);
    if (module === null) continue;
    out.imports.push({
      module,
      resolutionPath: module,
      kind: 'import',
      line: node.startPosition.row + 1,
      text: statementText(node),
      ...context,
    });
  }
}

function readFromImport(node: Node, out: SyntaxImports): void {
  const source = node.childForFieldName('module_name');
  if (source === null) return;
  const names = node.childrenForFieldName('name').flatMap((name) => {
    const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
    const path = dotted === null || dotted === undefined ? null : modulePath(dotted);
    return path === null ? [] : [path];
  });
  if (source.type === 'relative_import') {
    const text = compact(source.text);
    const dots = /^\.+/.exec(text)?.[0].length ?? 0;
    const module = text.slice(dots);
    if (module === '' || MODULE_PATH.test(module)) {
      out.relativeImports.push({ text, level: dots, module, names, line: node.startPosition.row + 1 });
    }
    return;
  }
  const module = modulePath(source);
  if (module === null) return;
  const context = importContext(node);
  // `from x import *` and anything unparsable still say that `x` is needed.
  const paths = names.length === 0 ? [module] : names.map((name) => `${module}.${name}`);
  const seen = new Set<string>();
  for (const resolutionPath of paths) {
    if (seen.has(resolutionPath)) continue;
    seen.add(resolutionPath);
    out.imports.push({
      module,
      resolutionPath,
      kind: 'from-import',
      line: node.startPosition.row + 1,
      text: statementText(node),
      ...context,
    });
  }
}

function readCall(node: Node, out: SyntaxImports): void {
  const callee = node.childForFieldName('function');
  const args = node.childForFieldName('arguments');
  if (callee === null || args === null) return;
  if (isDynamicImportCallee(callee)) {
    const first = args.namedChildren[0];
    const name = first === null || first === undefined ? null : stringLiteral(first);
    if (name === null || !MODULE_PATH.test(name)) return;
    out.imports.push({
      module: name,
      resolutionPath: name,
      kind: 'dynamic-import',
      line: node.startPosition.row + 1,
      text: statementText(node),
      ...importContext(node),
    });
    return;
  }
  const command = ipythonCommand(callee, args);
  if (command !== null) out.embeddedCommands.push({ line: node.startPosition.row + 1, command });
}

function isDynamicImportCallee(callee: Node): boolean {
  if (callee.type === 'identifier') return callee.text === '__import__' || callee.text === 'import_module';
  if (callee.type !== 'attribute') return false;
  return callee.childForFieldName('attribute')?.text === 'import_module' && callee.childForFieldName('object')?.text === 'importlib';
}

/**
 * `jupyter nbconvert --to script` turns `%pip install x` into
 * `get_ipython().run_line_magic('pip', 'install x')` and `!pip …` into `get_ipython().system('pip …')`.
 */
function ipythonCommand(callee: Node, args: Node): string | null {
  if (callee.type !== 'attribute') return null;
  const receiver = callee.childForFieldName('object');
  if (receiver?.type !== 'call' || receiver.childForFieldName('function')?.text !== 'get_ipython') {
    return null;
  }
  const method = callee.childForFieldName('attribute')?.text;
  const literals = args.namedChildren.map((arg) => (arg === null ? null : stringLiteral(arg)));
  if (method === 'system' && typeof literals[0] === 'string') return `!${literals[0]}`;
  if (method === 'run_line_magic' && typeof literals[0] === 'string' && typeof literals[1] === 'string') {
    return LINE_MAGICS_READ.has(literals[0]) ? `%${literals[0]} ${literals[1]}` : null;
  }
  return null;
}

/** The value of a plain string literal; null for f-strings, escapes and concatenations. */
function stringLiteral(node: Node): string | null {
  if (node.type !== 'string') return null;
  let value = '';
  for (const child of node.children) {
    if (child === null) return null;
    if (child.type === 'string_start') {
      if (/[fFtT]/.test(child.text)) return null;
    } else if (child.type === 'string_content') {
      value += child.text;
    } else if (child.type !== 'string_end') {
      return null;
    }
  }
  return value;
}

function modulePath(node: Node): string | null {
  if (node.type !== 'dotted_name' && node.type !== 'identifier') return null;
  const path = node.text.replace(/\s+/g, '');
  return MODULE_PATH.test(path) ? path : null;
}

interface ImportContext {
  optional: boolean;
  typeCheckingOnly: boolean;
}

/** Walks up from the statement to see whether a failure to import is handled, or never happens. */
function importContext(node: Node): ImportContext {
  const context: ImportContext = { optional: false, typeCheckingOnly: false };
  let child = node;
  for (let ancestor = node.parent; ancestor !== null; child = ancestor, ancestor = ancestor.parent) {
    switch (ancestor.type) {
      case 'try_statement':
        if (ancestor.childForFieldName('body')?.id === child.id && tryHandlesImportError(ancestor)) {
          context.optional = true;
        }
        break;
      case 'except_clause':
      case 'except_group_clause':
        if (handlerCatchesImportError(ancestor)) context.optional = true;
        break;
      case 'with_statement':
        if (/\bsuppress\s*\([^)]*\b(ImportError|ModuleNotFoundError)\b/.test(withHeader(ancestor))) {
          context.optional = true;
        }
        break;
      case 'if_statement': {
        const condition = ancestor.childForFieldName('condition');
        if (
          ancestor.childForFieldName('consequence')?.id === child.id &&
          condition !== null &&
          TYPE_CHECKING_CONDITION.test(condition.text.replace(/\s+/g, ''))
        ) {
          context.typeCheckingOnly = true;
        }
        break;
      }
    }
  }
  return context;
}

function tryHandlesImportError(tryNode: Node): boolean {
  return tryNode.namedChildren.some(
    (clause) => clause !== null && (clause.type === 'except_clause' || clause.type === 'except_group_clause') && handlerCatchesImportError(clause),
  );
}

function handlerCatchesImportError(clause: Node): boolean {
  const header = clause.namedChildren
    .filter((part) => part !== null && part.type !== 'block' && part.type !== 'comment')
    .map((part) => part?.text ?? '')
    .join(' ');
  return header.trim() === '' || IMPORT_ERROR_HANDLER.test(header);
}

function withHeader(withNode: Node): string {
  const body = withNode.childForFieldName('body');
  return body === null ? withNode.text : withNode.text.slice(0, body.startIndex - withNode.startIndex);
}

function firstErrorLine(node: Node): number {
  for (const child of node.children) {
    if (child === null) continue;
    if (child.type === 'ERROR' || child.isMissing) return child.startPosition.row + 1;
    if (child.hasError) return firstErrorLine(child);
  }
  return node.startPosition.row + 1;
}

function statementText(node: Node): string {
  const text = compact(node.text);
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

function compact(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/,\s*\)/g, ')')
    .trim();
}
