import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readRequirementsFile } from './read-requirements-file';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'rib-requirements-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function write(relative: string, content: string | Uint8Array): Promise<string> {
  const target = path.join(root, relative);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, content);
  return target;
}

describe('readRequirementsFile', () => {
  it('follows -r and -c relative to the including file, recursively', async () => {
    const main = await write('project/requirements.txt', '-r common/base.txt\n-c constraints.txt\npandas>=2\n');
    await write('project/common/base.txt', 'numpy\n-r ../extra/more.txt\n');
    await write('project/extra/more.txt', 'scipy==1.14.1\n');
    await write('project/constraints.txt', 'numpy<2.1\n');

    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.files.map((file) => [file.relativePath, file.role])).toEqual([
      ['requirements.txt', 'requirements'],
      ['common/base.txt', 'requirements'],
      ['extra/more.txt', 'requirements'],
      ['constraints.txt', 'constraints'],
    ]);
    expect(result.files[1]?.path).toBe(path.join(root, 'project/common/base.txt'));
    expect(result.files[1]?.text).toBe('numpy\n-r ../extra/more.txt\n');
    expect(result.requirements.map((requirement) => [requirement.name, requirement.file, requirement.line])).toEqual([
      ['numpy', 'common/base.txt', 1],
      ['scipy', 'extra/more.txt', 1],
      ['pandas', 'requirements.txt', 3],
    ]);
    expect(result.constraints.map((constraint) => constraint.name)).toEqual(['numpy']);
    expect(result.findings).toEqual([]);
  });

  it('checks duplicates and conflicts across files and against constraints', async () => {
    const main = await write('requirements.txt', '-r dev.txt\n-c constraints.txt\npandas>=2\nnumpy>=2\n');
    await write('dev.txt', 'pandas<2\n');
    await write('constraints.txt', 'numpy<2\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'requirements.txt',
        line: 3,
        code: 'conflicting-requirements',
        message: 'pandas>=2 (line 3) conflicts with pandas<2 (dev.txt line 1): no version satisfies both',
      }),
      expect.objectContaining({
        file: 'requirements.txt',
        line: 4,
        code: 'constraint-conflict',
        message: 'numpy>=2 (line 4) conflicts with the constraint numpy<2 (constraints.txt line 1): no version satisfies both',
      }),
    ]);
  });

  it('reports a missing include on the including line and keeps going', async () => {
    const main = await write('requirements.txt', 'pandas\n-r missing.txt\nnumpy\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.requirements.map((requirement) => requirement.name)).toEqual(['pandas', 'numpy']);
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'requirements.txt',
        line: 2,
        severity: 'error',
        code: 'include-not-found',
        message: `'missing.txt' was not found (looked for ${path.join(root, 'missing.txt')})`,
      }),
    ]);
    expect(result.files[0]?.parsed.lines[1]?.status).toBe('error');
  });

  it('stops at an include cycle, as pip does', async () => {
    const main = await write('a.txt', 'pandas\n-r b.txt\n');
    await write('b.txt', 'numpy\n-r a.txt\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.files.map((file) => file.relativePath)).toEqual(['a.txt', 'b.txt']);
    expect(result.findings).toEqual([
      expect.objectContaining({
        file: 'b.txt',
        line: 2,
        code: 'include-cycle',
        message: "'a.txt' includes itself (a.txt → b.txt → a.txt); pip stops with an error",
      }),
    ]);
  });

  it('catches a cycle through a symbolic link', async () => {
    const main = await write('a.txt', '-r link.txt\n');
    await symlink(main, path.join(root, 'link.txt'));
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.findings.map((finding) => finding.code)).toEqual(['include-cycle']);
  });

  it('reads a file that two others include only once', async () => {
    const main = await write('requirements.txt', '-r one.txt\n-r two.txt\n');
    await write('one.txt', '-r common.txt\n');
    await write('two.txt', '-r common.txt\n');
    await write('common.txt', 'pandas\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.files.map((file) => file.relativePath)).toEqual(['requirements.txt', 'one.txt', 'common.txt', 'two.txt']);
    expect(result.requirements).toHaveLength(1);
    expect(result.findings).toEqual([]);
  });

  it('refuses an included binary file on the including line', async () => {
    const main = await write('requirements.txt', '-r wheel.txt\n');
    await write('wheel.txt', new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]));
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.findings).toEqual([
      expect.objectContaining({ line: 1, code: 'include-unreadable', message: 'wheel.txt is not a text file (it contains NUL bytes)' }),
    ]);
  });

  it('leaves remote includes to pip', async () => {
    const main = await write('requirements.txt', '-r https://example.com/base.txt\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.files).toHaveLength(1);
    expect(result.findings.map((finding) => finding.code)).toEqual(['include-remote']);
  });

  it('follows a file: URL include', async () => {
    const other = await write('elsewhere/base.txt', 'pandas\n');
    const main = await write('requirements.txt', `-r file://${other}\n`);
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.files.map((file) => file.relativePath)).toEqual(['requirements.txt', 'elsewhere/base.txt']);
  });

  it('stops at the file limit', async () => {
    const main = await write('r0.txt', '-r r1.txt\n');
    await write('r1.txt', '-r r2.txt\n');
    await write('r2.txt', 'pandas\n');
    const result = await readRequirementsFile(main, { maxFiles: 2 });
    if (!result.ok) throw new Error(result.message);
    expect(result.findings).toEqual([
      expect.objectContaining({ file: 'r1.txt', code: 'include-limit', message: "More than 2 included files; 'r2.txt' was not read" }),
    ]);
  });

  it('merges options from all files in reading order', async () => {
    const main = await write('requirements.txt', '-i https://a.example.com/simple\n-r more.txt\n--pre\n');
    await write('more.txt', '--index-url https://b.example.com/simple\n--extra-index-url https://c.example.com/simple\n');
    const result = await readRequirementsFile(main);
    if (!result.ok) throw new Error(result.message);
    expect(result.options).toMatchObject({ indexUrl: 'https://b.example.com/simple', extraIndexUrls: ['https://c.example.com/simple'], pre: true });
    expect(result.findings.map((finding) => finding.code)).toEqual(['repeated-index-url']);
  });

  it.each([
    ['missing', null, 'file-not-found'],
    ['too large', 'x'.repeat(2000), 'file-too-large'],
    ['UTF-16', new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'file-utf16'],
    ['binary', new Uint8Array([0x00, 0x01, 0x02, 0x03, 0x04]), 'file-binary'],
    ['Latin-1', new Uint8Array([0x63, 0x61, 0x66, 0xe9]), 'file-not-utf8'],
  ] as const)('refuses a %s top-level file', async (_label, content, code) => {
    const target = path.join(root, 'requirements.txt');
    if (content !== null) await write('requirements.txt', content);
    const result = await readRequirementsFile(target, { maxBytes: 1000 });
    expect(result).toMatchObject({ ok: false, path: target, code });
  });

  it('refuses a folder', async () => {
    await mkdir(path.join(root, 'dir.txt'));
    expect(await readRequirementsFile(path.join(root, 'dir.txt'))).toMatchObject({ ok: false, code: 'file-unreadable', message: 'dir.txt is not a file' });
  });

  it('says how large a refused file is', async () => {
    const target = await write('big.txt', 'x'.repeat(3 * 1024 * 1024));
    expect(await readRequirementsFile(target)).toEqual({
      ok: false,
      path: target,
      code: 'file-too-large',
      message: 'big.txt is too large (3 MB); requirements files over 1 MB are not read',
    });
  });
});
