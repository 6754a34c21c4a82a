import type { FindingSeverity, RequirementFindingCode, RequirementLineStatus } from '../../contract/domain/requirements';
import { parseRequirements } from './parse-requirements';

// Every line here is one a user could plausibly write; each must get its own specific message.

interface BadLine {
  line: string;
  code: RequirementFindingCode;
  message: string;
  severity?: FindingSeverity;
  status?: RequirementLineStatus;
}

const SHA = 'a'.repeat(64);
const NAME_RULE = "a name starts and ends with a letter or digit and contains only letters, digits, '.', '-' and '_'";
const CANNOT_SEE = 'the image build cannot see your files';

const BAD_LINES: BadLine[] = [
  // Cannot be built into an image
  { line: '-e .', code: 'editable-install', message: "'-e .' installs a folder from this computer in editable mode; an image cannot contain it" },
  {
    line: '--editable ./pkg',
    code: 'editable-install',
    message: "'-e ./pkg' installs a folder from this computer in editable mode; an image cannot contain it",
  },
  { line: './pkg', code: 'local-path', message: `'./pkg' is a path on this computer; ${CANNOT_SEE}` },
  { line: '../x', code: 'local-path', message: `'../x' is a path on this computer; ${CANNOT_SEE}` },
  { line: '/abs/pkg', code: 'local-path', message: `'/abs/pkg' is a path on this computer; ${CANNOT_SEE}` },
  { line: 'C:\\pkgs\\foo.whl', code: 'local-path', message: `'C:\\pkgs\\foo.whl' is a path on this computer; ${CANNOT_SEE}` },
  { line: 'foo-1.0-py3-none-any.whl', code: 'local-path', message: `'foo-1.0-py3-none-any.whl' is a path on this computer; ${CANNOT_SEE}` },
  { line: 'pkgs/foo', code: 'local-path', message: `'pkgs/foo' is a path on this computer; ${CANNOT_SEE}` },
  { line: '~/foo', code: 'local-path', message: `'~/foo' is a path on this computer; ${CANNOT_SEE}` },
  { line: 'file:///tmp/x.whl', code: 'file-url', message: `'file:///tmp/x.whl' points to a file on this computer; ${CANNOT_SEE}` },
  { line: 'foo @ file:///tmp/foo', code: 'file-url', message: `'file:///tmp/foo' points to a file on this computer; ${CANNOT_SEE}` },
  { line: '--find-links ./wheels', code: 'find-links-local', message: `'--find-links ./wheels' points to a folder on this computer; ${CANNOT_SEE}` },
  {
    line: '--index-url file:///srv/simple',
    code: 'file-url',
    message: `'--index-url' points to a folder on this computer ('file:///srv/simple'); ${CANNOT_SEE}`,
  },
  {
    line: 'foo @ git+ssh://git@github.com/a/foo.git',
    code: 'vcs-ssh',
    message: "'git+ssh://git@github.com/a/foo.git' needs your SSH key, which the image build does not have; use an https:// URL",
  },
  {
    line: 'foo @ https://user:secret@example.com/foo.whl',
    code: 'url-credentials',
    message: "'https://***@example.com/foo.whl' contains a user name and password or token; they would be stored in the image",
  },
  {
    line: '--index-url https://u:p@example.com/simple',
    code: 'url-credentials',
    message: "'https://***@example.com/simple' contains a user name and password or token; they would be stored in the image",
  },
  // Names and extras
  { line: '_pandas', code: 'invalid-name', message: `'_pandas' is not a valid package name: ${NAME_RULE}` },
  { line: 'pandas-', code: 'invalid-name', message: `'pandas-' is not a valid package name: ${NAME_RULE}` },
  { line: 'pändas', code: 'invalid-name', message: `'pändas' is not a valid package name: ${NAME_RULE}` },
  { line: '@ https://x.org/a.whl', code: 'invalid-name', message: "Missing package name before '@'" },
  { line: 'pan das', code: 'unexpected-text', message: "Unexpected 'das' after 'pan' (package names cannot contain spaces)" },
  { line: 'pandas[', code: 'invalid-extras', message: "Missing ']' after the extras of 'pandas'" },
  { line: 'pandas[a b]', code: 'invalid-extras', message: "Separate extras with ',': 'pandas[a, b]'" },
  { line: 'pandas[a,]', code: 'invalid-extras', message: "Empty extra in 'pandas[a,]'" },
  // Versions
  { line: 'pandas==', code: 'invalid-specifier', message: "'==' needs a version after it" },
  { line: 'pandas>=1.0.*', code: 'invalid-specifier', message: "A wildcard ('.*') only works with '==' or '!=': '>=1.0.*'" },
  { line: 'pandas~=1', code: 'invalid-specifier', message: "'~=' needs at least two version parts, like '~=1.0'" },
  { line: 'pandas>=1.0+local', code: 'invalid-specifier', message: "A local version ('+local') only works with '==' or '!=': '>=1.0+local'" },
  { line: 'pandas>=1.0,', code: 'invalid-specifier', message: "Empty version clause in '>=1.0,' (a stray ',')" },
  { line: 'pandas (>=1.0', code: 'invalid-specifier', message: "Missing ')' after the version specifier of 'pandas'" },
  { line: 'pandas=1.0', code: 'single-equals', message: "Use '==' to pin a version: 'pandas==1.0' (a single '=' is not an operator)" },
  { line: 'pandas 1.0', code: 'missing-operator', message: "Add an operator before the version: 'pandas==1.0' or 'pandas>=1.0'" },
  { line: 'pandas=>1.0', code: 'invalid-operator', message: "'=>' is not a version operator; did you mean '>='?" },
  { line: 'pandas<>1.0', code: 'invalid-operator', message: "'<>' is not a version operator; did you mean '!='?" },
  { line: 'pandas>=abc', code: 'invalid-version', message: "'abc' is not a valid version number (PEP 440)" },
  { line: 'pandas==1.0 <2', code: 'missing-comma', message: "Separate version clauses with ',': '==1.0, <2'" },
  // URLs
  { line: 'foo @', code: 'invalid-url', message: "Missing URL after 'foo @'" },
  {
    line: 'foo @ not-a-url',
    code: 'invalid-url',
    message: "'not-a-url' is not a URL pip can install from (expected https://…, or git+https://… for a repository)",
  },
  {
    line: 'foo @ https://x.org/foo.whl;python_version<"3"',
    code: 'url-marker-space',
    message: "Put a space before ';' after a URL: without it pip reads the marker as part of the URL",
  },
  { line: 'foo @ https://x/foo.whl extra', code: 'unexpected-text', message: "Unexpected text after the URL: 'extra'" },
  { line: 'https://example.com/download', code: 'url-without-name', message: "Name the package this URL installs: 'name @ https://example.com/download'" },
  // Markers
  { line: 'pandas;', code: 'invalid-marker', message: "Marker is empty after ';'" },
  { line: 'pandas; python_version >= 3.8', code: 'invalid-marker', message: 'Marker values must be quoted: "3.8" instead of 3.8' },
  {
    line: 'pandas; foo == "1"',
    code: 'unknown-marker-variable',
    message:
      "Unknown marker variable 'foo' (known: python_version, python_full_version, sys_platform, platform_system, platform_machine, os_name, implementation_name, …)",
  },
  { line: 'pandas; python_version = "3.8"', code: 'invalid-marker', message: "Use '==' to compare in a marker, not '='" },
  { line: 'pandas; (python_version >= "3.8"', code: 'invalid-marker', message: "Missing ')' in marker" },
  { line: 'pandas; (python_version >= "3.8"))', code: 'invalid-marker', message: "Unmatched ')' in marker" },
  { line: 'pandas; python_version >= "3.8" and', code: 'invalid-marker', message: "Marker ends after 'and': a condition must follow" },
  { line: 'pandas; python_version not "3"', code: 'invalid-marker', message: "Expected 'in' after 'not' in marker" },
  { line: 'pandas; sys_platform == "linux', code: 'invalid-marker', message: 'Unterminated string in marker: "linux' },
  {
    line: 'pandas; python_version >= "3" python_version',
    code: 'invalid-marker',
    message: "Unexpected 'python_version' in marker: join conditions with 'and' or 'or'",
  },
  // Options
  { line: '--foo', code: 'unknown-option', message: "Unknown option '--foo' (pip does not accept it in a requirements file)" },
  { line: '-x', code: 'unknown-option', message: "Unknown option '-x' (pip does not accept it in a requirements file)" },
  { line: '--index-url', code: 'option-missing-value', message: "'--index-url' needs a value after it" },
  { line: '-r', code: 'option-missing-value', message: "'-r' needs a value after it" },
  { line: '--pre=yes', code: 'option-unexpected-value', message: "'--pre' does not take a value" },
  { line: '--index-url "https://x.org', code: 'option-quote', message: 'A quote in the options is never closed' },
  { line: '--index-url ftp://x', code: 'invalid-url', message: "'--index-url' needs an http:// or https:// URL, not 'ftp://x'" },
  { line: '--trusted-host http://x.com/', code: 'invalid-trusted-host', message: "Give '--trusted-host' a host name, not a URL: '--trusted-host x.com'" },
  {
    line: '--no-binary "a b"',
    code: 'invalid-binary-option',
    message: "'--no-binary' takes ':all:', ':none:' or package names separated by ',', not 'a b'",
  },
  { line: '--install-option=--x', code: 'unsupported-option', message: "'--install-option' was removed from pip; use '--config-settings'" },
  // Hashes
  { line: 'pandas==1 --hash=md5:abc', code: 'invalid-hash', message: "pip accepts only sha256, sha384 and sha512 hashes, not 'md5'" },
  { line: 'pandas==1 --hash=sha256:xyz', code: 'invalid-hash', message: "A sha256 digest is 64 hexadecimal digits; 'xyz' is not one" },
  { line: 'pandas==1 --hash=sha256', code: 'invalid-hash', message: "'--hash' needs an algorithm and a digest, like '--hash=sha256:<64 hex digits>'" },
  { line: `pandas==1 --hash=sha256:${SHA.toUpperCase()}`, code: 'invalid-hash', message: 'Write the sha256 digest in lowercase: pip compares digests as text' },
  {
    line: `--hash=sha256:${SHA}`,
    code: 'hash-without-requirement',
    message: "'--hash' must follow a package on the same line, e.g. 'pandas==2.2.3 --hash=sha256:…'",
  },
  // Accepted by pip, but not what the user meant: warnings
  {
    line: 'pandas==1.0 -i https://pypi.org/simple',
    code: 'option-ignored',
    message: "pip ignores '-i' on a line with a package; put it on a line of its own",
    severity: 'warning',
    status: 'requirement',
  },
  {
    line: 'pandas; extra == "x"',
    code: 'marker-extra',
    message: "An 'extra' marker never matches in a requirements file, so pip skips this line",
    severity: 'warning',
    status: 'requirement',
  },
  {
    line: 'pandas --global-option=x',
    code: 'deprecated-option',
    message: "'--global-option' is deprecated in pip and may be ignored; use '--config-settings'",
    severity: 'warning',
    status: 'requirement',
  },
  {
    line: '--config-settings=a=b',
    code: 'option-ignored',
    message: "'--config-settings' only applies to a package on the same line; pip ignores it here",
    severity: 'warning',
    status: 'option',
  },
  {
    line: 'pandas --pre',
    code: 'option-ignored',
    message: "pip ignores '--pre' on a line with a package; put it on a line of its own",
    severity: 'warning',
    status: 'requirement',
  },
  {
    line: '--pre stray',
    code: 'ignored-text',
    message: "pip ignores 'stray' here: it is neither an option nor its value",
    severity: 'warning',
    status: 'option',
  },
  {
    line: 'pandas==${PANDAS_VERSION}',
    code: 'env-var',
    message: "'${PANDAS_VERSION}' is filled in from the environment while the image builds, where your environment is not available",
    severity: 'warning',
    status: 'error',
  },
  {
    line: '--index-url https://${PIP_USER}:${PIP_TOKEN}@pypi.example.com/simple',
    code: 'env-var',
    message: "'${PIP_USER}' is filled in from the environment while the image builds, where your environment is not available",
    severity: 'warning',
    status: 'option',
  },
  {
    line: '-r https://example.com/r.txt',
    code: 'include-remote',
    message: "pip downloads 'https://example.com/r.txt' during the build; its lines are not checked here",
    severity: 'warning',
    status: 'option',
  },
  {
    line: '--extra-index-url http://pypi.example.com/simple',
    code: 'insecure-index',
    message: "pip ignores 'http://pypi.example.com/simple' because it is plain http: add '--trusted-host pypi.example.com' or use https",
    severity: 'warning',
    status: 'option',
  },
  {
    line: 'foo @ git+https://github.com/a/foo.git',
    code: 'vcs-url',
    message: "Installing 'git+https://github.com/a/foo.git' needs git in the image; the recipe adds it",
    severity: 'warning',
    status: 'requirement',
  },
  {
    line: 'foo @ hg+https://hg.example.com/foo',
    code: 'vcs-url',
    message: "Installing 'hg+https://hg.example.com/foo' needs Mercurial (hg) in the image; the recipe adds it",
    severity: 'warning',
    status: 'requirement',
  },
];

describe('bad requirement lines', () => {
  it('are at least 30 distinct lines', () => {
    expect(new Set(BAD_LINES.map((row) => row.line)).size).toBe(BAD_LINES.length);
    expect(BAD_LINES.filter((row) => (row.severity ?? 'error') === 'error').length).toBeGreaterThanOrEqual(30);
  });

  it.each(BAD_LINES)('$line → $code', ({ line, code, message, severity = 'error', status = 'error' }) => {
    const result = parseRequirements(`# header\n${line}\n`, { file: 'requirements.txt' });
    expect(result.findings).toContainEqual(expect.objectContaining({ file: 'requirements.txt', line: 2, raw: line, severity, code, message }));
    expect(result.lines[1]?.status).toBe(status);
    // Nothing the user typed is lost: the line is still there, as typed.
    expect(result.lines[1]?.raw).toBe(line);
  });
});

describe('problems across lines', () => {
  const parse = (text: string) => parseRequirements(text, { file: 'requirements.txt' });

  it('warns about a package listed twice, naming both lines', () => {
    const result = parse('pandas>=2\nnumpy\nPandas<3\n');
    expect(result.findings).toEqual([
      expect.objectContaining({ line: 3, severity: 'warning', code: 'duplicate-requirement', message: 'Pandas is listed twice: line 1 and line 3' }),
    ]);
  });

  it('rejects two lines that no version satisfies', () => {
    const result = parse('papermill>=3\nrequests\npapermill<2.5\n');
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 3,
        severity: 'error',
        code: 'conflicting-requirements',
        message: 'papermill<2.5 (line 3) conflicts with papermill>=3 (line 1): no version satisfies both',
      }),
    ]);
  });

  it('rejects three lines that only conflict together', () => {
    // Each pair leaves a version (1.1, 0.9, 1.0), all three leave none.
    const result = parse('x!=1.0\nx>=1.0\nx<=1.0\n');
    expect(result.findings).toEqual([
      expect.objectContaining({ line: 2, code: 'duplicate-requirement' }),
      expect.objectContaining({
        line: 3,
        severity: 'error',
        code: 'conflicting-requirements',
        message: 'x<=1.0 (line 3) together with line 1, line 2 leaves no version of x to install',
      }),
    ]);
  });

  it('does not call the same package under different markers a duplicate', () => {
    const result = parse('numpy<2; python_version < "3.9"\nnumpy>=2; python_version >= "3.9"\n');
    expect(result.findings).toEqual([]);
  });

  it('lists the lines of a constraints file as constraints', () => {
    const result = parseRequirements('pandas==1.5.3\n', { file: 'constraints.txt', role: 'constraints' });
    expect(result.constraints).toHaveLength(1);
    expect(result.requirements).toHaveLength(0);
  });

  it('in hash-checking mode requires a hash and an == pin on every package', () => {
    const result = parse(`pandas==2.2.3 --hash=sha256:${SHA}\nnumpy>=1\n`);
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'hashes-incomplete',
        message: "numpy has no '--hash', but line 1 has one: pip then requires a hash for every package",
      }),
      expect.objectContaining({ line: 2, code: 'hash-needs-pin', message: "With hashes, every package must be pinned with '==': numpy>=1 is not" }),
    ]);
  });

  it('says so when --require-hashes asks for hashes', () => {
    const result = parse('--require-hashes\nnumpy==1.26.4\n');
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 2,
        code: 'hashes-incomplete',
        message: "numpy has no '--hash', but '--require-hashes' (line 1) requires one for every package",
      }),
    ]);
  });

  it('warns when --index-url is set twice to different indexes', () => {
    const result = parse('-i https://a.example.com/simple\nnumpy\n--index-url https://b.example.com/simple\n');
    expect(result.findings).toEqual([
      expect.objectContaining({
        line: 3,
        code: 'repeated-index-url',
        message: "'--index-url' is set again (first at line 1); pip uses only the last one",
      }),
    ]);
    expect(result.options.indexUrl).toBe('https://b.example.com/simple');
  });

  it('accepts a plain-http index whose host is trusted', () => {
    const result = parse('--index-url http://pypi.lan:8080/simple\n--trusted-host pypi.lan:8080\nnumpy\n');
    expect(result.findings).toEqual([]);
  });

  it('rejects extras in a constraints file', () => {
    const result = parseRequirements('pandas[excel]==2.2\n', { file: 'c.txt', role: 'constraints' });
    expect(result.findings).toEqual([
      expect.objectContaining({ code: 'constraint-form', message: "A constraint cannot have extras: write 'pandas' without '[excel]'" }),
    ]);
  });
});
