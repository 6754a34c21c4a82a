import fc from 'fast-check';
import { formatImageReference, NAME_TOTAL_LENGTH_MAX, parseImageReference } from './parse-image-reference';
import { suggestImageName } from './suggest-image-name';

// Budget: ≥100,000 generated cases in total, a few seconds on 2 cores.
const RUNS = { grammar: 45_000, arbitrary: 45_000, suggested: 10_000 };
const TIMEOUT_MS = 60_000;
let casesRun = 0;

afterAll(() => {
  console.log(`image reference property cases: ${casesRun}`);
});

function run<T>(numRuns: number, property: fc.IProperty<T>): void {
  fc.assert(property, { numRuns });
  casesRun += numRuns;
}

// The distribution/reference grammar, piece by piece.
const domainComponent = fc.stringMatching(/^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/);
const port = fc.integer({ min: 1, max: 65535 }).map(String);
const host = fc.oneof(
  fc.constant('localhost'),
  fc.tuple(domainComponent, fc.array(domainComponent, { minLength: 1, maxLength: 3 })).map(([first, rest]) => [first, ...rest].join('.')),
  fc.tuple(fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 }), fc.nat({ max: 255 })).map((parts) => parts.join('.')),
  fc.stringMatching(/^[0-9a-fA-F:]{1,20}$/).map((address) => `[${address}]`),
);
const domain = fc.tuple(host, fc.option(port, { nil: undefined })).map(([name, portNumber]) => (portNumber === undefined ? name : `${name}:${portNumber}`));
const pathComponent = fc.stringMatching(/^[a-z0-9]{1,6}(?:(?:[._]|__|-{1,3})[a-z0-9]{1,6}){0,3}$/);
const tag = fc.stringMatching(/^\w[\w.-]{0,127}$/);
const digest = fc.stringMatching(/^[a-f0-9]{64}$/).map((hex) => `sha256:${hex}`);

// Where the grammar is ambiguous, Docker (and this parser) reads a first component with '.' or ':'
// as the registry, so a registry-less path must not start with one. The parser also rejects
// 'localhost', a well-known registry host or 'host.name:1234' written alone, on purpose.
function isDeliberatelyRejected(domainPart: string | undefined, path: string[], tagPart: string | undefined): boolean {
  if (domainPart !== undefined) return false;
  const first = path[0] ?? '';
  if (path.length > 1) return first.includes('.') || first === 'localhost';
  return (
    first === 'localhost' ||
    /(^|\.)(docker\.io|quay\.io|ghcr\.io|gcr\.io|pkg\.dev|gitlab\.com|ecr\.aws|azurecr\.io|amazonaws\.com|nvcr\.io)$/.test(first) ||
    (first.includes('.') && tagPart !== undefined && /^[0-9]+$/.test(tagPart))
  );
}

const reference = fc
  .record({
    domain: fc.option(domain, { nil: undefined }),
    path: fc.array(pathComponent, { minLength: 1, maxLength: 4 }),
    tag: fc.option(tag, { nil: undefined }),
    digest: fc.option(digest, { nil: undefined }),
  })
  .filter(({ domain: domainPart, path, tag: tagPart }) => !isDeliberatelyRejected(domainPart, path, tagPart))
  .map(({ domain: domainPart, path, tag: tagPart, digest: digestPart }) => {
    const name = `${domainPart !== undefined ? `${domainPart}/` : ''}${path.join('/')}`;
    return { name, text: `${name}${tagPart !== undefined ? `:${tagPart}` : ''}${digestPart !== undefined ? `@${digestPart}` : ''}` };
  })
  .filter(({ name }) => name.length <= NAME_TOTAL_LENGTH_MAX);

describe('parseImageReference properties', () => {
  it(
    'parses every reference of the grammar and writes it back unchanged',
    () => {
      run(
        RUNS.grammar,
        fc.property(reference, ({ text }) => {
          const result = parseImageReference(text);
          if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
          expect(formatImageReference(result.reference)).toBe(text);
          // The normalized forms are references too, and normalizing them changes nothing.
          const full = parseImageReference(result.reference.full);
          const familiar = parseImageReference(result.reference.familiar);
          expect(full.ok && full.reference.full).toBe(result.reference.full);
          expect(familiar.ok && familiar.reference.familiar).toBe(result.reference.familiar);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'never throws on arbitrary text, and positions stay inside it',
    () => {
      run(
        RUNS.arbitrary,
        fc.property(
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 300 }),
            fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
            fc.stringMatching(/^[a-zA-Z0-9.:/@_\-[\]]{0,60}$/),
          ),
          (text) => {
            const result = parseImageReference(text);
            if (!result.ok && result.error.position !== null) {
              expect(result.error.position).toBeGreaterThanOrEqual(1);
              expect(result.error.position).toBeLessThanOrEqual(Math.max(1, text.length + 1));
            }
            if (result.ok) expect(formatImageReference(result.reference)).toBe(text);
          },
        ),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'only ever suggests valid names',
    () => {
      run(
        RUNS.suggested,
        fc.property(
          fc.array(fc.string({ maxLength: 40 }), { maxLength: 6 }),
          fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
          fc.date({ min: new Date(2000, 0, 1), max: new Date(2100, 0, 1), noInvalidDate: true }),
          fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
          (packages, user, today, owner) => {
            const name = suggestImageName({ packages, today, ...(user !== undefined ? { user } : {}), ...(owner !== undefined ? { owner } : {}) });
            const result = parseImageReference(name);
            if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
          },
        ),
      );
    },
    TIMEOUT_MS,
  );

  it('ran at least 100,000 cases', () => {
    expect(Object.values(RUNS).reduce((sum, runs) => sum + runs, 0)).toBeGreaterThanOrEqual(100_000);
  });
});
