import { formatRequirement } from './format-requirement';
import { parseRequirements } from './parse-requirements';

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function parse(text: string) {
  return parseRequirements(text, { file: 'requirements.txt' });
}

function only(text: string) {
  const result = parse(text);
  expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
  expect(result.requirements).toHaveLength(1);
  const [requirement] = result.requirements;
  if (requirement === undefined) throw new Error('no requirement');
  return requirement;
}

describe('parseRequirements: names', () => {
  it.each([
    ['pandas', 'pandas'],
    ['Django', 'django'],
    ['scikit_learn', 'scikit-learn'],
    ['zope.interface', 'zope-interface'],
    ['Foo__Bar-._baz', 'foo-bar-baz'],
    ['a', 'a'],
    ['1password', '1password'],
  ])('normalizes %s to %s (PEP 503) and keeps what was written', (name, normalized) => {
    const requirement = only(name);
    expect(requirement.name).toBe(name);
    expect(requirement.normalizedName).toBe(normalized);
  });
});

describe('parseRequirements: extras, specifiers, markers', () => {
  it('reads extras, normalized like names', () => {
    expect(only('requests[socks, Security_Extra]').extras).toEqual(['socks', 'security-extra']);
    expect(only('requests[]').extras).toEqual([]);
  });

  it.each([
    ['pandas==2.2.3', '==2.2.3'],
    ['pandas >= 2.0 , < 3', '>=2.0,<3'],
    ['pandas~=2.2', '~=2.2'],
    ['pandas!=2.0.*', '!=2.0.*'],
    ['pandas==2.*', '==2.*'],
    ['pandas===2.2.3-custom', '===2.2.3-custom'],
    ['pandas (>=2.0)', '>=2.0'],
    ['pandas==1!2.0rc1.post2.dev3+local.7', '==1!2.0rc1.post2.dev3+local.7'],
    ['pandas==v2.0', '==v2.0'],
    ['pandas<3,>1', '<3,>1'],
  ])('%s has specifier %s', (line, specifier) => {
    expect(only(line).specifier).toBe(specifier);
  });

  it.each([
    ['numpy; python_version >= "3.9"', 'python_version >= "3.9"'],
    ["numpy ; sys_platform=='linux'", 'sys_platform == "linux"'],
    [
      'numpy>=1.26; python_version < "3.13" and (platform_machine == "x86_64" or platform_machine == "aarch64")',
      'python_version < "3.13" and (platform_machine == "x86_64" or platform_machine == "aarch64")',
    ],
    ['numpy; "linux" in sys_platform', '"linux" in sys_platform'],
    ['numpy; platform_release not in "5.1"', 'platform_release not in "5.1"'],
    ['numpy; os.name == "posix"', 'os.name == "posix"'],
    ['numpy; implementation_name === "cpython"', 'implementation_name === "cpython"'],
    ['numpy; platform_version == \'say "hi"\'', 'platform_version == \'say "hi"\''],
  ])('%s has marker %s', (line, marker) => {
    expect(only(line).marker).toBe(marker);
  });
});

describe('parseRequirements: URLs', () => {
  it('reads name @ https URLs', () => {
    const requirement = only('pandas @ https://files.example.com/pandas-2.2.3-cp312-cp312-manylinux.whl');
    expect(requirement).toMatchObject({ name: 'pandas', url: 'https://files.example.com/pandas-2.2.3-cp312-cp312-manylinux.whl', vcs: null, specifier: '' });
  });

  it('reads a marker after a URL when a space comes before ;', () => {
    expect(only('pkg @ https://x.org/pkg-1.0.tar.gz ; python_version >= "3.9"').marker).toBe('python_version >= "3.9"');
  });

  it('names a bare wheel or sdist URL after its file name', () => {
    expect(only('https://x.org/files/scikit_learn-1.5.0-cp312-cp312-linux_x86_64.whl').name).toBe('scikit_learn');
    expect(only('https://x.org/files/my-package-1.0.2.tar.gz').name).toBe('my-package');
  });

  it('does not treat #egg= as a comment, and names the requirement after it', () => {
    const result = parse('git+https://github.com/org/tool.git@v1.2#egg=tool\n');
    expect(result.requirements[0]).toMatchObject({ name: 'tool', vcs: 'git', url: 'git+https://github.com/org/tool.git@v1.2#egg=tool' });
    expect(result.findings.map((finding) => finding.code)).toEqual(['vcs-url']);
  });

  it('records which VCS a repository URL needs', () => {
    expect(parse('a @ svn+https://svn.example.com/a\n').requirements[0]?.vcs).toBe('svn');
    expect(parse('a @ bzr+https://bzr.example.com/a\n').requirements[0]?.vcs).toBe('bzr');
  });
});

describe('parseRequirements: file structure', () => {
  it('skips comments at line start and after whitespace, and blank lines', () => {
    const result = parse('# all comment\n\npandas  # why we need it\nnumpy#not-a-comment-without-space\n   \n');
    expect(result.lines.map((line) => [line.line, line.status])).toEqual([
      [1, 'comment'],
      [2, 'blank'],
      [3, 'requirement'],
      [4, 'error'],
      [5, 'blank'],
    ]);
    expect(result.requirements.map((requirement) => requirement.name)).toEqual(['pandas']);
  });

  it('joins continued lines and reports the first physical line', () => {
    const result = parse(`numpy\\\n  ==1.26.4 \\\n  --hash=sha256:${SHA_A} \\\n  --hash=sha256:${SHA_B}\npandas\n`);
    expect(result.requirements[0]).toMatchObject({ name: 'numpy', line: 1, specifier: '==1.26.4', hashes: [`sha256:${SHA_A}`, `sha256:${SHA_B}`] });
    expect(result.lines[0]).toMatchObject({ line: 1, endLine: 4, status: 'requirement' });
    expect(result.lines[0]?.raw.split('\n')).toHaveLength(4);
    expect(result.requirements[1]).toMatchObject({ name: 'pandas', line: 5 });
  });

  it('keeps a comment line ending in a backslash a comment (as pip does)', () => {
    const result = parse('# see below \\\npandas\n');
    expect(result.requirements.map((requirement) => requirement.line)).toEqual([2]);
  });

  it('reports errors on the first line of a continued line', () => {
    const result = parse('pandas\n./local\\\n-pkg\n');
    expect(result.findings[0]).toMatchObject({ line: 2, code: 'local-path' });
  });

  it('accepts CRLF and CR line ends and a UTF-8 BOM', () => {
    const result = parse('\uFEFFpandas==2.2.3\r\nnumpy\rscipy\r\n');
    expect(result.requirements.map((requirement) => [requirement.name, requirement.line])).toEqual([
      ['pandas', 1],
      ['numpy', 2],
      ['scipy', 3],
    ]);
    expect(result.lineCount).toBe(3);
  });

  it('gives an empty file no lines', () => {
    expect(parse('')).toMatchObject({ lines: [], requirements: [], findings: [], lineCount: 0 });
  });
});

describe('parseRequirements: options', () => {
  it('reads the index options in every spelling pip accepts', () => {
    const result = parse(
      [
        '--index-url https://pypi.example.com/simple',
        '--extra-index-url=https://extra.example.com/simple',
        '-f https://wheels.example.com/',
        '--find-links=https://more-wheels.example.com/',
        '--trusted-host pypi.example.com',
        '--trusted-host=[::1]:8080',
        '--pre',
        '--no-binary :all:',
        '--only-binary=numpy,scipy',
        '--prefer-binary',
        '--no-index',
        '--use-feature=truststore',
        '--extra-index https://abbrev.example.com/simple',
      ].join('\n'),
    );
    expect(result.findings).toEqual([]);
    expect(result.lines.every((line) => line.status === 'option')).toBe(true);
    expect(result.options).toEqual({
      indexUrl: 'https://pypi.example.com/simple',
      extraIndexUrls: ['https://extra.example.com/simple', 'https://abbrev.example.com/simple'],
      findLinks: ['https://wheels.example.com/', 'https://more-wheels.example.com/'],
      trustedHosts: ['pypi.example.com', '[::1]:8080'],
      noIndex: true,
      pre: true,
      preferBinary: true,
      requireHashes: false,
      noBinary: [':all:'],
      onlyBinary: ['numpy', 'scipy'],
      useFeatures: ['truststore'],
    });
  });

  it('reads -i with the value attached, as optparse does', () => {
    expect(parse('-ihttps://pypi.example.com/simple\n').options.indexUrl).toBe('https://pypi.example.com/simple');
  });

  it('lists -r and -c includes in every spelling', () => {
    const result = parse('-r base.txt\n--requirement=dev.txt\n-c constraints.txt\n--constraint "with space.txt"\n-rnested/more.txt\n');
    expect(result.findings).toEqual([]);
    expect(result.includes.map((include) => [include.role, include.target, include.line])).toEqual([
      ['requirements', 'base.txt', 1],
      ['requirements', 'dev.txt', 2],
      ['constraints', 'constraints.txt', 3],
      ['constraints', 'with space.txt', 4],
      ['requirements', 'nested/more.txt', 5],
    ]);
  });

  it('treats -r inside a constraints file as constraints too', () => {
    const result = parseRequirements('-r more.txt\n', { file: 'c.txt', role: 'constraints' });
    expect(result.includes[0]?.role).toBe('constraints');
  });

  it('reads --hash in every form and --config-settings per requirement', () => {
    const requirement = only(`numpy==1.26.4 --hash=sha256:${SHA_A} --hash sha512:${'c'.repeat(128)} --config-settings="setup-args=-Dblas=openblas"`);
    expect(requirement.hashes).toEqual([`sha256:${SHA_A}`, `sha512:${'c'.repeat(128)}`]);
    expect(requirement.configSettings).toEqual(['setup-args=-Dblas=openblas']);
  });
});

describe('formatRequirement', () => {
  it.each([
    'pandas',
    'pandas==2.2.3',
    'requests[security,socks]>=2.31,<3; python_version >= "3.9"',
    'pkg @ https://x.org/pkg-1.0.tar.gz ; sys_platform == "linux"',
    `numpy==1.26.4 --hash=sha256:${SHA_A}`,
    "numpy==2.0 --config-settings='a=b c'",
    'tool @ git+https://github.com/org/tool.git@v1#egg=tool',
  ])('writes %s back as it reads', (line) => {
    const requirement = only(line);
    expect(formatRequirement(requirement)).toBe(line);
    const again = only(formatRequirement(requirement));
    expect({ ...again, raw: '' }).toEqual({ ...requirement, raw: '' });
  });

  it('writes the canonical form of a loosely written line', () => {
    expect(formatRequirement(only('Requests [ socks ] ( >= 2.31 , < 3 ) ;python_version>="3.9"'))).toBe('Requests[socks]>=2.31,<3; python_version >= "3.9"');
  });
});

describe('parseRequirements: robustness', () => {
  it.each(['\u0000', '\\', '\\\\\n\\', '-', '--', '"', "'", '[', '(((((', ';', '@', '#', '==', 'a'.repeat(100_000), 'x; '.concat('('.repeat(5000))])(
    'does not throw on odd input #%#',
    (text) => {
      expect(() => parse(text)).not.toThrow();
    },
  );
});
