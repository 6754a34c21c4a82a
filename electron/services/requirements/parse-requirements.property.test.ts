import { validRange } from '@renovatebot/pep440';
import fc from 'fast-check';
import type { ParsedRequirements } from '../../contract/domain/requirements';
import { formatRequirement, type FormattableRequirement } from './format-requirement';
import { formatMarker, MARKER_VARIABLES, parseMarker, type MarkerNode, type MarkerValue } from './marker-syntax';
import { normalizePackageName } from './package-name';
import { parseRequirements } from './parse-requirements';
import { hasArchiveExtension } from './url-kind';

// Budget: ≥100,000 generated cases across the properties below, in well under 20 s on 2 cores.
const RUNS = {
  arbitraryText: 40_000,
  requirementSoup: 30_000,
  roundTrip: 20_000,
  markerRoundTrip: 5_000,
  wholeFile: 5_000,
};
const TIMEOUT_MS = 60_000;
let casesRun = 0;

afterAll(() => {
  console.log(`requirements parser property cases: ${casesRun}`);
});

function run<T>(numRuns: number, property: fc.IPropertyWithHooks<T> | fc.IProperty<T>): void {
  fc.assert(property, { numRuns });
  casesRun += numRuns;
}

/** Invariants every parse result keeps, whatever the input. */
function expectWellFormed(result: ParsedRequirements): void {
  let next = 1;
  for (const line of result.lines) {
    // Logical lines tile the physical lines: no gap, no overlap, nothing lost.
    expect(line.line).toBe(next);
    expect(line.endLine).toBeGreaterThanOrEqual(line.line);
    next = line.endLine + 1;
  }
  expect(next - 1).toBe(result.lineCount);
  const starts = new Set(result.lines.map((line) => line.line));
  for (const finding of [...result.findings, ...result.requirements, ...result.constraints, ...result.includes]) {
    expect(finding.line).toBeGreaterThanOrEqual(1);
    expect(finding.line).toBeLessThanOrEqual(result.lineCount);
    expect(starts.has(finding.line)).toBe(true);
  }
  const requirementLines = new Set([...result.requirements, ...result.constraints].map((requirement) => requirement.line));
  for (const line of result.lines) {
    // A line marked bad says why; a line marked as a requirement gave one.
    if (line.status === 'error') {
      expect(result.findings.some((finding) => finding.line === line.line && finding.severity === 'error')).toBe(true);
    }
    expect(line.status === 'requirement').toBe(requirementLines.has(line.line));
  }
}

const parse = (text: string): ParsedRequirements => parseRequirements(text, { file: 'requirements.txt' });

// ---------- generators of valid parts ----------

const nameArb = fc
  .stringMatching(/^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,14}[A-Za-z0-9])?$/)
  // pip takes 'x.whl' or 'x.zip' for a file name, so such names cannot be written as requirements.
  .filter((name) => !hasArchiveExtension(name));

const releaseArb = fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 4 });
const versionArb = fc
  .record({
    epoch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    release: releaseArb,
    pre: fc.option(fc.tuple(fc.constantFrom('a', 'b', 'rc'), fc.nat({ max: 9 })), { nil: undefined }),
    post: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
    dev: fc.option(fc.nat({ max: 9 }), { nil: undefined }),
  })
  .map(
    ({ epoch, release, pre, post, dev }) =>
      `${epoch !== undefined ? `${epoch}!` : ''}${release.join('.')}${pre !== undefined ? `${pre[0]}${pre[1]}` : ''}${
        post !== undefined ? `.post${post}` : ''
      }${dev !== undefined ? `.dev${dev}` : ''}`,
  );

const clauseArb = fc
  .oneof(
    fc.tuple(fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~='), versionArb).map(([op, version]) => `${op}${version}`),
    fc.tuple(fc.constantFrom('==', '!='), releaseArb).map(([op, release]) => `${op}${release.join('.')}.*`),
    fc.tuple(fc.constantFrom('==', '!='), versionArb, fc.stringMatching(/^[a-z0-9]{1,5}$/)).map(([op, version, local]) => `${op}${version}+${local}`),
    fc.stringMatching(/^[A-Za-z0-9._+-]{1,10}$/).map((legacy) => `===${legacy}`),
  )
  // The library is the judge of PEP 440; generate only what it accepts.
  .filter((clause) => validRange(clause));

const specifierArb = fc.array(clauseArb, { maxLength: 3 }).map((clauses) => clauses.join(','));

// Marker strings avoid what changes a requirements line around them: '#' after a space starts a
// comment and ' -' starts options (both as pip reads the line); quotes end the string.
const markerStringArb = fc.stringMatching(/^[A-Za-z0-9 ._*+=<>/:,()@!~%^&|{}[\]?]{0,12}$/);
const markerVariables = [...MARKER_VARIABLES];
const markerValueArb: fc.Arbitrary<MarkerValue> = fc.oneof(
  fc.constantFrom(...markerVariables).map((name): MarkerValue => ({ kind: 'variable', name })),
  markerStringArb.map((value): MarkerValue => ({ kind: 'string', value })),
);
const markerArb: fc.Arbitrary<MarkerNode> = fc.letrec<{ node: MarkerNode }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc
      .tuple(markerValueArb, fc.constantFrom('==', '!=', '<=', '>=', '<', '>', '~=', '===', 'in', 'not in'), markerValueArb)
      .map(([left, op, right]): MarkerNode => ({ kind: 'compare', left, op, right })),
    tie('node').map((inner): MarkerNode => ({ kind: 'group', inner })),
    fc.tuple(fc.constantFrom('and' as const, 'or' as const), fc.array(tie('node'), { minLength: 2, maxLength: 3 })).map(([kind, items]): MarkerNode => ({
      kind,
      // An 'and' of 'or's (or the reverse) needs its parentheses to mean what the tree says.
      items: items.map((item) => (item.kind === 'and' || item.kind === 'or' ? { kind: 'group', inner: item } : item)),
    })),
  ),
})).node;

const urlArb = fc
  .tuple(
    fc.constantFrom('https://', 'http://', 'git+https://', 'hg+https://'),
    // The last label is letters: 'a0.0' would be a malformed IPv4 address to a URL parser.
    fc.stringMatching(/^[a-z0-9]{1,8}(?:\.[a-z0-9]{1,8}){0,2}\.[a-z]{2,6}$/),
    fc.array(fc.stringMatching(/^[A-Za-z0-9._~%@-]{1,10}$/), { maxLength: 3 }),
    fc.option(fc.stringMatching(/^[a-z]{1,6}$/), { nil: undefined }),
  )
  .map(([scheme, host, segments, egg]) => `${scheme}${host}/${segments.join('/')}${egg !== undefined ? `#egg=${egg}` : ''}`);

const hashArb = fc
  .tuple(fc.constantFrom(['sha256', 64] as const, ['sha384', 96] as const, ['sha512', 128] as const), fc.stringMatching(/^[0-9a-f]{128}$/))
  .map(([[algorithm, length], hex]) => `${algorithm}:${hex.slice(0, length)}`);

const requirementArb: fc.Arbitrary<FormattableRequirement> = fc
  .record({
    name: nameArb,
    extras: fc.array(nameArb.map(normalizePackageName), { maxLength: 3 }),
    useUrl: fc.boolean(),
    url: urlArb,
    specifier: specifierArb,
    pin: versionArb,
    marker: fc.option(markerArb, { nil: null }),
    hashes: fc.array(hashArb, { maxLength: 2 }),
  })
  .map(({ name, extras, useUrl, url, specifier, pin, marker, hashes }) => ({
    name,
    extras,
    url: useUrl ? url : null,
    // With a hash pip wants an exact pin, so a hashed requirement is pinned.
    specifier: useUrl ? '' : hashes.length > 0 ? `==${pin}` : specifier,
    marker: marker === null ? null : formatMarker(marker),
    hashes,
  }));

// ---------- properties ----------

describe('parseRequirements properties', () => {
  it(
    'never throws on arbitrary text, and every line number points into the file',
    () => {
      run(
        RUNS.arbitraryText,
        fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (text) => {
          expectWellFormed(parse(text));
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'never throws on lines made of requirement-like pieces',
    () => {
      const piece = fc.constantFrom(
        'pandas',
        'Numpy',
        'a-b_c.d',
        '[',
        ']',
        '(',
        ')',
        ',',
        ';',
        '@',
        ' ',
        '  ',
        '\t',
        '\\',
        '\n',
        '\r\n',
        '\r',
        '#',
        ' #',
        '==',
        '>=',
        '~=',
        '===',
        '!=',
        '<',
        '>',
        '=',
        '.*',
        '1.0',
        '2!3.4rc1.post2.dev3+loc',
        'abc',
        'python_version',
        'sys_platform',
        'extra',
        'and',
        'or',
        'not',
        'in',
        '"3.9"',
        "'linux'",
        '"',
        '-e',
        '-r',
        '-c',
        '-i',
        '-f',
        '--hash=sha256:',
        'a'.repeat(64),
        '--index-url',
        '--pre',
        '--no-binary',
        ':all:',
        'https://',
        'git+https://',
        'git+ssh://git@',
        'file://',
        'x.org/p.whl',
        '#egg=foo',
        './',
        '../',
        '/',
        'C:\\',
        '~/',
        '${TOKEN}',
        'user:pw@',
        '\uFEFF',
        '\u0000',
        'é',
        '🐍',
      );
      run(
        RUNS.requirementSoup,
        fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
          expectWellFormed(parse(pieces.join('')));
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'reads back every requirement it writes (parse ∘ format = identity)',
    () => {
      run(
        RUNS.roundTrip,
        fc.property(requirementArb, (requirement) => {
          const line = formatRequirement(requirement);
          const result = parse(line);
          expect(result.findings.filter((finding) => finding.severity === 'error')).toEqual([]);
          expect(result.requirements).toHaveLength(1);
          const [parsed] = result.requirements;
          expect({
            name: parsed?.name,
            extras: parsed?.extras,
            specifier: parsed?.specifier,
            marker: parsed?.marker,
            url: parsed?.url,
            hashes: parsed?.hashes,
          }).toEqual({ ...requirement });
          expect(parsed === undefined ? '' : formatRequirement(parsed)).toBe(line);
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'reads back every marker it writes',
    () => {
      run(
        RUNS.markerRoundTrip,
        fc.property(markerArb, (marker) => {
          const text = formatMarker(marker);
          expect(parseMarker(text)).toMatchObject({ ok: true, text });
        }),
      );
    },
    TIMEOUT_MS,
  );

  it(
    'puts each requirement of a whole file on the physical line where it starts',
    () => {
      const entryArb = fc.oneof(
        { weight: 4, arbitrary: requirementArb.map((requirement) => ({ kind: 'requirement' as const, requirement })) },
        {
          weight: 1,
          arbitrary: fc
            .constantFrom('', '   ', '# a comment', '  # indented', '--pre', '-i https://pypi.example.com/simple')
            .map((text) => ({ kind: 'other' as const, text })),
        },
        {
          weight: 1,
          arbitrary: fc
            .string({ maxLength: 40 })
            .filter((text) => !/[\r\n]/.test(text) && !text.endsWith('\\'))
            .map((text) => ({ kind: 'other' as const, text })),
        },
      );
      run(
        RUNS.wholeFile,
        fc.property(
          fc.array(fc.tuple(entryArb, fc.boolean(), fc.boolean()), { maxLength: 12 }),
          fc.constantFrom('\n', '\r\n', '\r'),
          fc.boolean(),
          fc.boolean(),
          (entries, eol, bom, trailingEol) => {
            const physical: string[] = [];
            const expected: Array<{ line: number; requirement: FormattableRequirement }> = [];
            for (const [entry, continued, comment] of entries) {
              if (entry.kind === 'other') {
                physical.push(entry.text);
                continue;
              }
              expected.push({ line: physical.length + 1, requirement: entry.requirement });
              const text = formatRequirement(entry.requirement) + (comment ? '  # why' : '');
              const space = text.indexOf(' ');
              if (continued && space > 0) physical.push(`${text.slice(0, space + 1)}\\`, text.slice(space + 1));
              else physical.push(text);
            }
            const file = `${bom ? '\uFEFF' : ''}${physical.join(eol)}${trailingEol && physical.length > 0 ? eol : ''}`;
            const result = parse(file);
            expectWellFormed(result);
            // A last empty line without a line end after it is just the previous line's end.
            const lineCount = physical.at(-1) === '' && !trailingEol ? physical.length - 1 : physical.length;
            expect(result.lineCount).toBe(lineCount);
            for (const { line, requirement } of expected) {
              const found = result.requirements.find((candidate) => candidate.line === line);
              expect(found).toMatchObject({ name: requirement.name, specifier: requirement.specifier, marker: requirement.marker, url: requirement.url });
            }
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
