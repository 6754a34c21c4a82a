import { Ajv } from 'ajv';
import { RuntimeImageMetadata } from '../../contract/domain/elyra-metadata';
import { AppError } from '../../contract/errors';
import { buildRuntimeImageMetadata, checkRuntimeImageMetadata, packageListDescription, runtimeImageJson } from './runtime-image-metadata';
import elyraSchema from './testing/runtime-image.schema.json';

// Two judges for every case: our zod schema, and Ajv (a JSON Schema validator, here through conf's
// own dependency) running the rules of Elyra's runtime-image.json. They must agree, and agree with
// what the case says.

const ajv = new Ajv({ strict: false, allErrors: true });
const elyraValidate = ajv.compile(elyraSchema);

const valid = {
  display_name: 'Pandas 2.3.2',
  metadata: { description: 'Pandas 2.3.2', image_name: 'amancevice/pandas:jupyter-2.3.2', tags: ['pandas'] },
  schema_name: 'runtime-image',
};

function withMetadata(patch: Record<string, unknown>) {
  return { ...valid, metadata: { ...valid.metadata, ...patch } };
}

const cases: { label: string; value: unknown; ok: boolean }[] = [
  { label: "Elyra's own example", value: valid, ok: true },
  { label: 'only the required fields', value: { schema_name: 'runtime-image', display_name: 'x', metadata: { image_name: 'x' } }, ok: true },
  { label: 'every optional field', value: withMetadata({ pull_policy: 'IfNotPresent', pull_secret: 'quay-io-pull-secret' }), ok: true },
  { label: 'a tag with an inner space', value: withMetadata({ tags: ['data science'] }), ok: true },
  { label: 'a pull secret with dots', value: withMetadata({ pull_secret: 'my.secret-1' }), ok: true },
  { label: 'a pull secret of 253 characters', value: withMetadata({ pull_secret: 'a'.repeat(253) }), ok: true },
  { label: 'extra properties (the schema leaves them open)', value: { ...withMetadata({ extra: 1 }), other: true }, ok: true },
  { label: 'another schema_name', value: { ...valid, schema_name: 'kfp' }, ok: false },
  { label: 'no schema_name', value: { display_name: 'x', metadata: { image_name: 'x' } }, ok: false },
  { label: 'empty display_name', value: { ...valid, display_name: '' }, ok: false },
  { label: 'no display_name', value: { schema_name: 'runtime-image', metadata: { image_name: 'x' } }, ok: false },
  { label: 'no metadata', value: { schema_name: 'runtime-image', display_name: 'x' }, ok: false },
  { label: 'no image_name', value: { ...valid, metadata: { description: 'x' } }, ok: false },
  { label: 'empty image_name', value: withMetadata({ image_name: '' }), ok: false },
  { label: 'a description that is not a string', value: withMetadata({ description: 3 }), ok: false },
  { label: 'repeated tags', value: withMetadata({ tags: ['a', 'a'] }), ok: false },
  { label: 'an empty tag', value: withMetadata({ tags: [''] }), ok: false },
  { label: 'a tag with a leading space', value: withMetadata({ tags: [' a'] }), ok: false },
  { label: 'a tag with a trailing tab', value: withMetadata({ tags: ['a\t'] }), ok: false },
  { label: 'an unknown pull policy', value: withMetadata({ pull_policy: 'always' }), ok: false },
  { label: 'a pull secret with capitals', value: withMetadata({ pull_secret: 'My-secret' }), ok: false },
  { label: 'a pull secret ending in a hyphen', value: withMetadata({ pull_secret: 'secret-' }), ok: false },
  { label: 'a one-character pull secret', value: withMetadata({ pull_secret: 'a' }), ok: false },
  { label: 'a pull secret of 254 characters', value: withMetadata({ pull_secret: 'a'.repeat(254) }), ok: false },
  { label: 'a pull secret with an underscore', value: withMetadata({ pull_secret: 'my_secret' }), ok: false },
];

describe('runtime-image rules', () => {
  it.each(cases)('$label → valid: $ok (zod and the JSON schema agree)', ({ value, ok }) => {
    expect(elyraValidate(value)).toBe(ok);
    expect(RuntimeImageMetadata.safeParse(value).success).toBe(ok);
    expect(checkRuntimeImageMetadata(value).ok).toBe(ok);
  });
});

describe('buildRuntimeImageMetadata', () => {
  it("builds Elyra's own example, byte for byte after key order", () => {
    const built = buildRuntimeImageMetadata({
      displayName: 'Pandas 2.3.2',
      description: 'Pandas 2.3.2',
      tags: ['pandas'],
      imageName: 'amancevice/pandas:jupyter-2.3.2',
    });
    expect(JSON.stringify(built)).toBe(JSON.stringify(valid));
  });

  it('tidies what people type and leaves out empty optional fields', () => {
    const built = buildRuntimeImageMetadata({
      displayName: '  My image ',
      description: '   ',
      tags: [' pandas ', 'pandas', '', 'data   science', '\t'],
      imageName: ' quay.io/alice/img:1.0 ',
      pullPolicy: null,
      pullSecret: '  ',
    });
    expect(built).toEqual({
      display_name: 'My image',
      metadata: { image_name: 'quay.io/alice/img:1.0', tags: ['pandas', 'data science'] },
      schema_name: 'runtime-image',
    });
    expect(elyraValidate(built)).toBe(true);
  });

  it('keeps pull policy and secret', () => {
    const built = buildRuntimeImageMetadata({ displayName: 'x', imageName: 'ghcr.io/a/b:1', pullPolicy: 'Always', pullSecret: 'ghcr-io-pull-secret' });
    expect(built.metadata).toEqual({ image_name: 'ghcr.io/a/b:1', pull_policy: 'Always', pull_secret: 'ghcr-io-pull-secret' });
  });

  it.each([
    [{ displayName: ' ', imageName: 'a' }, /^Display name: /],
    [{ displayName: 'x', imageName: '' }, /^Image name: /],
    [{ displayName: 'x', imageName: 'a', pullSecret: 'Bad_Secret' }, /^Image pull secret: A Kubernetes secret name/],
  ])('refuses %o with a message naming the field', (input, message) => {
    expect(() => buildRuntimeImageMetadata(input)).toThrow(AppError);
    expect(() => buildRuntimeImageMetadata(input)).toThrow(message);
  });

  it('writes 2-space JSON with a final newline, the way Elyra writes its own files', () => {
    const json = runtimeImageJson(buildRuntimeImageMetadata({ displayName: 'x', imageName: 'a/b:1' }));
    expect(json).toBe('{\n  "display_name": "x",\n  "metadata": {\n    "image_name": "a/b:1"\n  },\n  "schema_name": "runtime-image"\n}\n');
  });
});

describe('packageListDescription', () => {
  it('lists the packages and shortens a long list', () => {
    expect(packageListDescription(['pandas==2.2.3', ' numpy ', ''])).toBe('pandas==2.2.3, numpy');
    const many = Array.from({ length: 100 }, (_, i) => `package-${i}`);
    const text = packageListDescription(many, 80);
    expect(text.length).toBeLessThanOrEqual(80);
    expect(text).toMatch(/^package-0, package-1, .* … and \d+ more$/);
    const shown = text.split(' … ')[0]?.split(', ').length ?? 0;
    expect(text.endsWith(`and ${100 - shown} more`)).toBe(true);
  });
});
