import { extract } from 'tar-stream';
import { buildContextEntries, createBuildContext } from './build-context';

async function read(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

async function entries(tar: Buffer): Promise<{ name: string; mode: number | undefined; mtime: number | undefined; content: string }[]> {
  const out: { name: string; mode: number | undefined; mtime: number | undefined; content: string }[] = [];
  const ex = extract();
  const done = new Promise<void>((resolve, reject) => {
    ex.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: unknown) => chunks.push(Buffer.from(c as Uint8Array)));
      stream.on('end', () => {
        out.push({ name: header.name, mode: header.mode, mtime: header.mtime?.getTime(), content: Buffer.concat(chunks).toString('utf8') });
        next();
      });
    });
    ex.on('finish', () => resolve());
    ex.on('error', reject);
  });
  ex.end(tar);
  await done;
  return out;
}

const plan = {
  dockerfile: 'FROM python:3.12-slim\nCOPY requirements.txt /tmp/x/\n',
  files: [
    { path: 'requirements.txt', content: 'pandas\n' },
    { path: 'constraints.txt', content: 'numpy<3\n' },
  ],
};

describe('the build context', () => {
  it('holds the Dockerfile and the plan files only, with fixed owner, mode and time', async () => {
    const files = await entries(await read(createBuildContext(plan)));
    expect(files.map((f) => f.name)).toEqual(['Dockerfile', 'constraints.txt', 'requirements.txt']);
    expect(files[0]?.content).toBe(plan.dockerfile);
    expect(files[2]?.content).toBe('pandas\n');
    expect(new Set(files.map((f) => f.mode))).toEqual(new Set([0o644]));
    expect(new Set(files.map((f) => f.mtime))).toEqual(new Set([Date.parse('2000-01-01T00:00:00Z')]));
  });

  it('is byte for byte the same for the same plan, so the engine cache hits', async () => {
    const a = await read(createBuildContext(plan));
    const b = await read(createBuildContext({ ...plan, files: [...plan.files].reverse() }));
    expect(a.equals(b)).toBe(true);
  });

  it('refuses paths that would escape or overwrite', () => {
    expect(() => buildContextEntries({ dockerfile: '', files: [{ path: '../x', content: '' }] })).toThrow();
    expect(() => buildContextEntries({ dockerfile: '', files: [{ path: '/etc/passwd', content: '' }] })).toThrow();
    expect(() => buildContextEntries({ dockerfile: '', files: [{ path: 'Dockerfile', content: '' }] })).toThrow();
  });
});
