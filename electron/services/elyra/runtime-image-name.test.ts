import { RUNTIME_IMAGE_NAME_MAX } from '../../contract/domain/elyra-metadata';
import { freeRuntimeImageName, isValidRuntimeImageName, runtimeImageName } from './runtime-image-name';

// Elyra's instance rule (MetadataManager._save) and a letter-to-alphanumeric
// name of at least two characters, both checked on every result.
const ELYRA_SAVE_RULE = /^[a-z]([a-z0-9-_]*[a-z,0-9])?$/;
const TWO_CHAR_NAME_RULE = /^[A-Za-z][0-9A-Za-z_-]*[0-9A-Za-z]$/;

describe('runtimeImageName', () => {
  it.each([
    ['Pandas 2.3.2', 'pandas_2_3_2'],
    ['my-image', 'my-image'],
    ['My Image (GPU)', 'my_image_gpu'],
    ['  spaced   out  ', 'spaced_out'],
    ['a -- b', 'a_b'],
    ['x--y', 'x-y'],
    ['Données 2024', 'donnees_2024'],
    ['Ünïcödé', 'unicode'],
    ['ｆｕｌｌｗｉｄｔｈ', 'fullwidth'],
    ['2024 models', 'image_2024_models'],
    ['_private_', 'private'],
    ['-dash-', 'dash'],
    ['R', 'r_image'],
    ['', 'runtime_image'],
    ['   ', 'runtime_image'],
    ['数据处理', 'runtime_image'],
    ['🚀 rocket', 'rocket'],
    ['image/with:colon@sha', 'image_with_colon_sha'],
  ])('%j → %j', (displayName, expected) => {
    expect(runtimeImageName(displayName)).toBe(expected);
  });

  it('always gives a name both Elyra rules accept, whatever the input', () => {
    const inputs = ['9', '9a', 'a_', 'a-', '__', 'É', 'x'.repeat(300), `a${'_'.repeat(70)}b`, `${'a'.repeat(63)}_b`, '\u0000', 'a\nb', '..', 'Z'];
    for (const input of inputs) {
      const name = runtimeImageName(input);
      expect(name, input).toMatch(ELYRA_SAVE_RULE);
      expect(name, input).toMatch(TWO_CHAR_NAME_RULE);
      expect(name.length, input).toBeLessThanOrEqual(RUNTIME_IMAGE_NAME_MAX);
      expect(isValidRuntimeImageName(name)).toBe(true);
    }
  });

  it('rejects names Elyra would not save', () => {
    for (const bad of ['My_image', '1abc', 'abc_', 'a', 'a b', 'a.b', '']) expect(isValidRuntimeImageName(bad), bad).toBe(false);
  });
});

describe('freeRuntimeImageName', () => {
  it('adds the first free number, staying within the length limit', () => {
    expect(freeRuntimeImageName('pandas', new Set())).toBe('pandas');
    expect(freeRuntimeImageName('pandas', new Set(['pandas', 'pandas_2']))).toBe('pandas_3');
    const long = 'a'.repeat(RUNTIME_IMAGE_NAME_MAX);
    const free = freeRuntimeImageName(long, new Set([long]));
    expect(free).toBe(`${'a'.repeat(RUNTIME_IMAGE_NAME_MAX - 2)}_2`);
    expect(isValidRuntimeImageName(free)).toBe(true);
  });
});
