import type { ImageReferenceErrorCode } from '../../contract/domain/reference';
import { formatImageReference, parseImageReference } from './parse-image-reference';

const HEX = 'a'.repeat(64);

describe('parseImageReference: valid names', () => {
  it.each([
    ['python', { domain: null, registry: null, repository: 'python', tag: null, digest: null, familiar: 'python', full: 'docker.io/library/python:latest' }],
    ['python:3.12-slim', { registry: null, repository: 'python', tag: '3.12-slim', familiar: 'python:3.12-slim', full: 'docker.io/library/python:3.12-slim' }],
    [
      'alice/elyra-pandas:2026.11.25',
      {
        registry: null,
        repository: 'alice/elyra-pandas',
        familiar: 'alice/elyra-pandas:2026.11.25',
        full: 'docker.io/alice/elyra-pandas:2026.11.25',
        hint: null,
      },
    ],
    [
      'docker.io/library/python:3.12',
      { domain: 'docker.io', registry: null, repository: 'library/python', familiar: 'python:3.12', full: 'docker.io/library/python:3.12' },
    ],
    ['index.docker.io/alice/x', { domain: 'index.docker.io', registry: null, familiar: 'alice/x', full: 'docker.io/alice/x:latest' }],
    ['quay.io/alice/x:1', { domain: 'quay.io', registry: 'quay.io', repository: 'alice/x', familiar: 'quay.io/alice/x:1', full: 'quay.io/alice/x:1' }],
    ['ghcr.io/org/team/image', { registry: 'ghcr.io', repository: 'org/team/image', full: 'ghcr.io/org/team/image:latest' }],
    ['localhost/x', { registry: 'localhost', repository: 'x' }],
    ['localhost:5000/x/y:1', { registry: 'localhost:5000', repository: 'x/y', tag: '1' }],
    ['192.168.1.10:5000/team/img', { registry: '192.168.1.10:5000', repository: 'team/img' }],
    ['[::1]:5000/a', { registry: '[::1]:5000', repository: 'a', full: '[::1]:5000/a:latest' }],
    ['[fe80::1]/a', { registry: '[fe80::1]', repository: 'a' }],
    ['Registry.Example.COM/a', { registry: 'Registry.Example.COM', repository: 'a' }],
    [`quay.io/alice/x:1@sha256:${HEX}`, { tag: '1', digest: `sha256:${HEX}`, full: `quay.io/alice/x:1@sha256:${HEX}` }],
    [`alice/x@sha256:${HEX}`, { tag: null, digest: `sha256:${HEX}`, full: `docker.io/alice/x@sha256:${HEX}` }],
    ['a/b.c_d__e---f', { repository: 'a/b.c_d__e---f' }],
    [`alice/x:${'T'.repeat(128)}`, { tag: 'T'.repeat(128) }],
    ['alice/x:_under.score-dash', { tag: '_under.score-dash' }],
  ])('%s', (input, expected) => {
    const result = parseImageReference(input);
    expect(result).toMatchObject({ ok: true, reference: expected });
    if (result.ok) expect(formatImageReference(result.reference)).toBe(input);
  });

  it('advises the user/name form for a bare Docker Hub name', () => {
    expect(parseImageReference('my-image:1')).toMatchObject({
      ok: true,
      reference: { hint: "On Docker Hub, push as 'your-user/my-image': names without a user are reserved for official images" },
    });
  });

  it('accepts a name of exactly 255 characters', () => {
    expect(parseImageReference(`a/${'b'.repeat(253)}`).ok).toBe(true);
  });
});

describe('parseImageReference: what to change', () => {
  const ROWS: Array<[string, ImageReferenceErrorCode, string, number | null]> = [
    ['', 'empty', "Enter an image name, like 'alice/my-image:1.0'", null],
    ['my image', 'whitespace', 'Image names cannot contain spaces', 3],
    ['https://quay.io/a/b', 'scheme', "Leave out 'https://': an image name starts with the registry host, like 'quay.io/alice/image'", 1],
    ['MyImage', 'uppercase', "Repository names must be lowercase: 'MyImage'", 1],
    ['alice/MyImage:1', 'uppercase', "Repository names must be lowercase: 'MyImage'", 7],
    ['Alice/pandas', 'uppercase', "Repository names must be lowercase: 'Alice'", 1],
    ['alice/my%image', 'path-invalid-char', "'%' is not allowed in a repository name", 9],
    ['alice/-image', 'path-separator-edge', "A repository name part must start and end with a letter or digit: '-image'", 7],
    ['alice/image.', 'path-separator-edge', "A repository name part must start and end with a letter or digit: 'image.'", 7],
    ['alice/a___b', 'path-separator', "Only '.', '_', '__' or dashes may separate letters and digits: 'a___b'", 7],
    ['alice/a..b', 'path-separator', "Only '.', '_', '__' or dashes may separate letters and digits: 'a..b'", 7],
    ['alice//b', 'path-empty-component', "Empty name part between two '/'", 7],
    ['alice/', 'path-empty-component', "A repository name cannot end with '/'", 6],
    ['quay.io/', 'missing-repository', "Add the repository name after 'quay.io/'", 9],
    ['quay.io', 'missing-repository', "'quay.io' is a registry; add the repository after it: 'quay.io/your-user/my-image'", 7],
    ['localhost:5000', 'missing-repository', "'localhost:5000' is a registry address; add a repository name: 'localhost:5000/my-image'", 14],
    [`a/${'b'.repeat(254)}`, 'name-too-long', 'Image name too long (256 characters, max 255)', 256],
    ['my_host.com/a', 'registry-invalid', "'_' is not allowed in a registry host name", 3],
    ['-host.com/a', 'registry-invalid', "A registry host name part cannot start or end with '-': '-host'", 1],
    ['a..com/a', 'registry-invalid', "Registry host 'a..com' has an empty part", 3],
    ['[zz]/a', 'registry-invalid', "'zz' is not an IPv6 address", 2],
    ['[::1]x/a', 'registry-invalid', "Unexpected 'x' after the IPv6 address", 6],
    ['[::1/a', 'ipv6-unclosed', "Missing ']' after the IPv6 address of the registry", 1],
    ['quay.io:99999/a', 'port-invalid', "Port must be a number 1–65535, not '99999'", 9],
    ['quay.io:0/a', 'port-invalid', "Port must be a number 1–65535, not '0'", 9],
    ['quay.io:abc/a', 'port-invalid', "Port must be a number 1–65535, not 'abc'", 9],
    ['alice/b:', 'tag-empty', "Tag is empty after ':'", 8],
    [`alice/b:${'x'.repeat(129)}`, 'tag-too-long', 'Tag too long (max 128 characters)', 137],
    ['alice/b:.x', 'tag-start', "A tag cannot start with '.' or '-'", 9],
    ['alice/b:-x', 'tag-start', "A tag cannot start with '.' or '-'", 9],
    ['alice/b:1+2', 'tag-invalid-char', "'+' is not allowed in a tag; use letters, digits, '_', '.' and '-'", 10],
    ['alice/b:1:2', 'tag-invalid-char', "':' is not allowed in a tag; use letters, digits, '_', '.' and '-'", 10],
    ['alice/b@foo', 'digest-invalid', "A digest is 'sha256:' followed by 64 hex digits", 9],
    [`alice/b@sha256:${HEX.slice(1)}`, 'digest-invalid', 'A sha256 digest has 64 hex digits; this one has 63', 16],
    [`alice/b@sha256:${HEX.toUpperCase()}`, 'digest-invalid', "A sha256 digest has only the hex digits 0-9 and a-f (lowercase); found 'A'", 16],
    [`alice/b@sha512:${HEX}`, 'digest-algorithm', "Only sha256 digests are supported, not 'sha512'", 9],
    [`alice/b@sha256:${HEX}@x`, 'digest-extra-at', "Only one '@' is allowed, before the digest", 80],
  ];

  it.each(ROWS)('%j → %s', (input, code, message, position) => {
    expect(parseImageReference(input)).toEqual({ ok: false, error: { code, message, position } });
  });

  it('has at least 15 distinct messages', () => {
    expect(new Set(ROWS.map(([, , message]) => message)).size).toBeGreaterThanOrEqual(15);
    expect(new Set(ROWS.map(([, code]) => code)).size).toBeGreaterThanOrEqual(15);
  });
});
