import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { AppError } from '../../contract/errors';
import { checkRuntimeImageMetadata } from './runtime-image-metadata';
import { planRuntimeImageWrite, writeRuntimeImage } from './runtime-image-write';

let home: string;
beforeEach(() => {
  home = mkdtempSync(path.join(tmpdir(), 'elyra-home-'));
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

const image = { displayName: 'Pandas 2.3', description: 'pandas==2.3.0', tags: ['pandas'], imageName: 'quay.io/alice/pandas:2.3' };

describe('planRuntimeImageWrite and writeRuntimeImage', () => {
  it('plans under the Jupyter data dir, writes there, and the file reads back as a valid instance', async () => {
    const plan = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image });
    expect(plan.name).toBe('pandas_2_3');
    expect(plan.path).toBe(path.join(home, '.local/share/jupyter/metadata/runtime-images/pandas_2_3.json'));
    expect(plan.directorySource).toBe('platform-default');
    expect(plan.exists).toBe(false);

    const result = await writeRuntimeImage(plan, { replace: false });
    expect(result).toEqual({ path: plan.path, replaced: false });
    const text = readFileSync(plan.path, 'utf8');
    expect(text).toBe(plan.json);
    expect(JSON.parse(text)).toEqual({
      display_name: 'Pandas 2.3',
      metadata: { description: 'pandas==2.3.0', image_name: 'quay.io/alice/pandas:2.3', tags: ['pandas'] },
      schema_name: 'runtime-image',
    });
    expect(checkRuntimeImageMetadata(JSON.parse(text)).ok).toBe(true);
    if (process.platform !== 'win32') {
      expect(statSync(plan.path).mode & 0o777).toBe(0o600);
      expect(statSync(plan.directory).mode & 0o777).toBe(0o700);
    }
  });

  it('sees an existing file, refuses to replace it with a conflict error, and replaces it when told', async () => {
    const first = await planRuntimeImageWrite({ env: { JUPYTER_DATA_DIR: home }, homedir: '/unused', platform: 'linux', image });
    await writeRuntimeImage(first, { replace: false });

    const second = await planRuntimeImageWrite({
      env: { JUPYTER_DATA_DIR: home },
      homedir: '/unused',
      platform: 'linux',
      image: { ...image, imageName: 'quay.io/alice/pandas:2.4' },
    });
    expect(second.exists).toBe(true);
    const refused = writeRuntimeImage(second, { replace: false });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    await expect(refused).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('already has a runtime image named "pandas_2_3"') });
    expect(readFileSync(first.path, 'utf8')).toContain(':2.3"');

    expect(await writeRuntimeImage(second, { replace: true })).toEqual({ path: second.path, replaced: true });
    expect(readFileSync(first.path, 'utf8')).toContain(':2.4"');
  });

  it('takes a name and a data dir chosen by the user', async () => {
    const plan = await planRuntimeImageWrite({
      env: { JUPYTER_DATA_DIR: '/not/here' },
      homedir: home,
      platform: 'linux',
      image,
      name: 'team-pandas',
      dataDir: home,
    });
    expect(plan.path).toBe(path.join(home, 'metadata/runtime-images/team-pandas.json'));
    expect(plan.directorySource).toBe('chosen');
  });

  it('refuses a name Elyra would not accept', async () => {
    await expect(planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image, name: '../escape' })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('refuses a plan that was altered to point elsewhere or to carry invalid JSON', async () => {
    const plan = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image });
    const outside = path.join(home, 'evil.json');
    await expect(writeRuntimeImage({ ...plan, path: outside }, { replace: true })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(writeRuntimeImage({ ...plan, directory: home, path: path.join(home, `${plan.name}.json`) }, { replace: true })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(writeRuntimeImage({ ...plan, json: '{"schema_name":"kfp"}' }, { replace: true })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(writeRuntimeImage({ ...plan, json: '{' }, { replace: true })).rejects.toMatchObject({ code: 'invalid-input' });
  });

  it('reports an unwritable directory as an error with the path', async () => {
    const blocker = path.join(home, 'blocker');
    writeFileSync(blocker, 'a file where a directory should be');
    const plan = await planRuntimeImageWrite({ env: { JUPYTER_DATA_DIR: blocker }, homedir: home, platform: 'linux', image });
    await expect(writeRuntimeImage(plan, { replace: false })).rejects.toMatchObject({ code: 'internal', message: expect.stringContaining(plan.path) });
  });
});

describe('names Elyra already uses', () => {
  const pandas = { displayName: 'Pandas', imageName: 'quay.io/alice/pandas:2.3' };

  it("refuses each of Elyra's built-in instance names, with the reason, and the write refuses too", async () => {
    // 'r' is built in too, but the schema's name pattern needs two characters, so the app never writes it.
    for (const name of [
      'pandas',
      'pytorch-runtime',
      'pytorch-devel',
      'anaconda',
      'anaconda-py311',
      'anaconda-py312',
      'tensorflow_2x_py3',
      'tensorflow_2x_gpu_py3',
    ]) {
      const plan = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image: pandas, name });
      expect(plan.refusal, name).toMatch(/^Elyra ships a runtime image named "[a-z0-9_-]+"; a file with that name would hide Elyra's own\./);
    }
    const plan = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image: pandas });
    expect(plan.name).toBe('pandas');
    await expect(writeRuntimeImage(plan, { replace: true })).rejects.toMatchObject({ code: 'conflict', message: plan.refusal });
    expect(() => statSync(plan.path)).toThrow();
  });

  it('lets the user replace their own entry of that name, explicitly', async () => {
    const plan = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image: pandas });
    mkdirSync(plan.directory, { recursive: true });
    writeFileSync(plan.path, '{}');
    const again = await planRuntimeImageWrite({ env: {}, homedir: home, platform: 'linux', image: pandas });
    expect(again).toMatchObject({ exists: true, refusal: null });
    expect(await writeRuntimeImage(again, { replace: true })).toEqual({ path: plan.path, replaced: true });
    expect(readFileSync(plan.path, 'utf8')).toBe(again.json);
  });

  it("refuses a name found further down Elyra's search path", async () => {
    const first = path.join(home, 'first');
    const user = path.join(home, '.local/share/jupyter/metadata/runtime-images');
    mkdirSync(user, { recursive: true });
    writeFileSync(path.join(user, 'team_tools.json'), '{}');
    const plan = await planRuntimeImageWrite({
      env: { ELYRA_METADATA_PATH: first },
      homedir: home,
      platform: 'linux',
      image: { displayName: 'Team tools', imageName: 'quay.io/alice/team:1' },
    });
    expect(plan.path).toBe(path.join(first, 'metadata/runtime-images/team_tools.json'));
    expect(plan.refusal).toBe(
      `Elyra already has a runtime image named "team_tools" at ${path.join(user, 'team_tools.json')}; a new file with that name would hide it. Choose another name.`,
    );
  });
});
