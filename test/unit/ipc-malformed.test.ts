// Every IPC channel of the contract, fed bad payloads through the real dispatcher: each is answered
// with an envelope, and no handler runs unless the channel's own input schema accepts the payload.
// The channel list comes from the contract, so a new channel is covered the day it is added (and
// each one's valid example input is derived from its schema when none is written by hand).
import fc from 'fast-check';
import { z } from 'zod';
import { createDispatcher } from '../../electron/core/dispatcher';
import {
  eventChannelNames,
  invokeChannelNames,
  invokeChannels,
  isEventChannel,
  isInvokeChannel,
  type ChannelInput,
  type Handlers,
  type InvokeChannel,
} from '../../electron/contract/ipc';
import { ErrorPayload } from '../../electron/contract/errors';
import type { Recipe } from '../../electron/contract/domain/recipe';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

const UUID = '3f2b8c1e-4d5a-4b6c-8d7e-9f0a1b2c3d4e';

const RECIPE: z.input<typeof Recipe> = {
  packages: [{ id: 'p1', text: 'pandas>=2.2', origin: { file: 'requirements.txt', line: 1 } }],
  constraints: ['numpy<3'],
  elyraVersion: 'main',
  pythonVersion: '3.11',
  base: { kind: 'slim' },
  preinstallElyraPins: true,
  platform: 'linux/amd64',
  imageName: 'alice/pandas:1.0',
  index: { indexUrl: 'https://pypi.org/simple', extraIndexUrls: [], trustedHosts: [] },
  pre: false,
  allowSystemPip: false,
};

/**
 * Hand-written valid inputs, for realistic starting points of the "one field wrong" payloads. A
 * channel without one here still gets every check: its example is derived from its schema below.
 */
const HAND_SAMPLES: Partial<{ [C in InvokeChannel]: ChannelInput<C> }> = {
  'app:info': {},
  'app:open-link': { link: 'install-docker' },
  'app:copy': { text: 'alice/pandas:1.0' },
  'engine:status': { refresh: true },
  'engine:select': { id: 'unix:///var/run/docker.sock' },
  'job:get': { id: UUID, fromLine: 0 },
  'job:cancel': { id: UUID },
  'catalog:versions': { name: 'pandas', indexUrl: null },
  'settings:update': { patch: { buildNetwork: 'host', packageIndex: { indexUrl: 'https://pypi.org/simple' } } },
  'draft:save': { recipe: RECIPE },
  'recipe:plan': { recipe: RECIPE },
  'recipe:suggest-name': { packages: ['pandas'], user: 'alice' },
  'recipe:export': { recipe: RECIPE },
  'requirements:open': { path: '/home/alice/requirements.txt' },
  'requirements:parse-bytes': { name: 'requirements.txt', base64: 'cGFuZGFzCg==' },
  'infer:paths': { paths: ['/home/alice/nb.ipynb'], pythonVersion: '3.11', indexUrl: null },
  'infer:sources': { files: [{ name: 'nb.ipynb', content: '{}' }], pythonVersion: '3.11', indexUrl: null },
  'build:start': { recipe: RECIPE, noCache: false },
  'registry:login': { registry: '127.0.0.1:5000', username: 'alice', password: 'hunter2', sessionOnly: false },
  'registry:use-docker-login': { registry: 'docker.io' },
  'registry:logout': { serverAddress: '127.0.0.1:5000' },
  'push:suggest-reference': { image: 'alice/pandas:1.0', serverAddress: '127.0.0.1:5000' },
  'push:start': { image: 'alice/pandas:1.0', reference: '127.0.0.1:5000/alice/pandas:1.0' },
};

// ---- examples derived from a schema --------------------------------------------------------------

/** The parts of a zod 4 schema definition the example builder reads. */
interface SchemaDef {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  items?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { _zod: { def: SchemaDef } })._zod.def;

/** Plausible strings for any field: the first one a field's checks accept is used. */
const STRING_CANDIDATES = [
  'alice',
  UUID,
  'https://pypi.org/simple',
  'alice/pandas:1.0',
  '127.0.0.1:5000',
  '/home/alice/file.txt',
  'pandas==2.2.3',
  'main',
  '3.11',
  'a1',
  'x',
];

/** Candidate values for a schema, built from its definition; the caller keeps the first it accepts. */
function candidates(schema: z.ZodType, depth: number): unknown[] {
  if (depth > 20) return [];
  const def = defOf(schema);
  const inner = (s: z.ZodType | undefined): unknown[] => {
    if (s === undefined) return [];
    const found = exampleOf(s, depth + 1);
    return found.ok ? [found.value] : [];
  };
  switch (def.type) {
    case 'object': {
      const value: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(def.shape ?? {})) {
        const found = exampleOf(field, depth + 1);
        if (!found.ok) return [];
        if (found.value !== undefined) value[key] = found.value;
      }
      return [value];
    }
    case 'array': {
      const items = inner(def.element);
      return [[], ...items.map((item) => [item]), ...items.map((item) => [item, item])];
    }
    case 'tuple':
      return [(def.items ?? []).map((item) => inner(item)[0])];
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'nullable':
      return [...inner(def.innerType), null];
    case 'union':
      return (def.options ?? []).flatMap((option) => inner(option));
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return def.getter ? inner(def.getter()) : [];
    case 'enum':
      return Object.values(def.entries ?? {});
    case 'literal':
      return def.values ?? [];
    case 'string':
      return STRING_CANDIDATES;
    case 'number':
    case 'int':
      return [0, 1, 3, 60];
    case 'boolean':
      return [false, true];
    case 'null':
      return [null];
    case 'undefined':
    case 'void':
      return [undefined];
    case 'record':
      return [{}];
    default:
      return [null, 'x', 0, {}];
  }
}

function exampleOf(schema: z.ZodType, depth = 0): { ok: true; value: unknown } | { ok: false } {
  for (const value of candidates(schema, depth)) {
    if (schema.safeParse(value).success) return { ok: true, value };
  }
  return { ok: false };
}

/** The valid input the field-level payloads start from: the hand-written one, or one derived from the schema. */
function sampleFor(channel: InvokeChannel): unknown {
  const hand = HAND_SAMPLES[channel];
  if (hand !== undefined) return hand;
  const derived = exampleOf(invokeChannels[channel].input);
  if (!derived.ok) throw new Error(`Cannot derive a valid input for ${channel} from its schema: add one to HAND_SAMPLES.`);
  return derived.value;
}

const Envelope = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }).strict(),
  z.object({ ok: z.literal(false), error: ErrorPayload.strict() }).strict(),
]);

const RECORDED = { recorded: true } as const;

/** Handlers that only note that they ran, and with what. */
function recordingHandlers(): { handlers: Handlers; calls: { channel: InvokeChannel; input: unknown }[] } {
  const calls: { channel: InvokeChannel; input: unknown }[] = [];
  const entries = invokeChannelNames.map((channel) => [
    channel,
    async (input: unknown) => {
      calls.push({ channel, input });
      return RECORDED;
    },
  ]);
  return { handlers: Object.fromEntries(entries) as unknown as Handlers, calls };
}

function pollutedPrototype(): boolean {
  const probe: Record<string, unknown> = {};
  return 'polluted' in probe || 'polluted' in Object.prototype;
}

/** Dispatches once; checks the envelope against what the channel's schema says about the input. */
async function dispatchChecked(channel: InvokeChannel, input: unknown, label: string): Promise<'accepted' | 'rejected'> {
  const { handlers, calls } = recordingHandlers();
  const accepted = invokeChannels[channel].input.safeParse(input).success;
  const result = await createDispatcher(handlers)(channel, input);
  const where = `${channel} ← ${label}`;
  expect(Envelope.safeParse(result).success, `${where}: not an envelope`).toBe(true);
  if (accepted) {
    expect(result, where).toEqual({ ok: true, value: RECORDED });
    expect(
      calls.map((c) => c.channel),
      where,
    ).toEqual([channel]);
  } else {
    expect(result, where).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls, `${where}: a handler ran`).toHaveLength(0);
    // The answer names the problem; it never echoes the payload back (a 10 MB string, a password).
    expect(JSON.stringify(result).length, `${where}: the error is too long`).toBeLessThan(4_000);
  }
  expect(pollutedPrototype(), `${where}: Object.prototype was polluted`).toBe(false);
  return accepted ? 'accepted' : 'rejected';
}

// ---- payload builders ---------------------------------------------------------------------------

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Every path to a node below the root: objects, arrays and leaves alike. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const keys: (string | number)[] = Array.isArray(value) ? value.map((_v, i) => i) : Object.keys(value);
  return keys.flatMap((key) => {
    const path = [...prefix, key];
    return [path, ...paths((value as Record<string | number, unknown>)[key], path)];
  });
}

function valueAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
}

/** A copy of `root` with `path` set to `value` (or removed, for `remove`). */
function withAt(root: unknown, path: Path, value: unknown, remove = false): unknown {
  const copy = clone(root);
  const parent = valueAt(copy, path.slice(0, -1)) as Record<string | number, unknown>;
  const key = path[path.length - 1] as string | number;
  if (remove) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else {
    parent[key] = value;
  }
  return copy;
}

/** An own `__proto__` property, as JSON.parse or structured clone makes it (a literal would set the prototype). */
function withOwnProto(target: Record<string, unknown>): Record<string, unknown> {
  Object.defineProperty(target, '__proto__', { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
  return target;
}

function deepObject(depth: number): unknown {
  let node: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) node = { a: node, b: [node] };
  return node;
}

function deepArray(depth: number): unknown {
  let node: unknown = [];
  for (let i = 0; i < depth; i += 1) node = [node];
  return node;
}

const BIG = 'x'.repeat(10 * 1024 * 1024);
const DEEP = deepObject(5_000);
const DEEP_ARRAY = deepArray(5_000);
/** Values of the wrong type for almost any field; the schema decides which are wrong for which field. */
const WRONG: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['0', 0],
  ['-1', -1],
  ['1.5', 1.5],
  ['NaN', Number.NaN],
  ['Infinity', Number.POSITIVE_INFINITY],
  ['"" ', ''],
  ['"x"', 'x'],
  ['true', true],
  ['[]', []],
  ['{}', {}],
  ['["x"]', ['x']],
  ['bigint', 10n],
  ['Date', new Date(0)],
];

interface Payload {
  label: string;
  input: unknown;
  /** Built by changing the channel's valid sample, as opposed to a whole-input value. */
  fieldLevel: boolean;
}

function malformedPayloads(channel: InvokeChannel): Payload[] {
  const sample = sampleFor(channel) as Record<string, unknown>;
  const whole: Payload[] = [
    ...WRONG.map(([label, input]) => ({ label: `whole input ${label}`, input, fieldLevel: false })),
    { label: 'whole input a string', input: 'app:info', fieldLevel: false },
    { label: 'whole input the sample inside an array', input: [clone(sample)], fieldLevel: false },
    { label: 'whole input a Map', input: new Map(Object.entries(sample)), fieldLevel: false },
    { label: 'whole input a Uint8Array', input: new Uint8Array([1, 2, 3]), fieldLevel: false },
    { label: 'whole input a 10 MB string', input: BIG, fieldLevel: false },
    { label: 'whole input deeply nested objects', input: DEEP, fieldLevel: false },
    { label: 'whole input deeply nested arrays', input: DEEP_ARRAY, fieldLevel: false },
    { label: 'whole input an own __proto__ key', input: withOwnProto({}), fieldLevel: false },
    { label: 'whole input constructor.prototype', input: { constructor: { prototype: { polluted: true } } }, fieldLevel: false },
  ];
  const fields: Payload[] = [
    { label: 'the sample plus an unknown key', input: { ...clone(sample), unexpected: true }, fieldLevel: true },
    { label: 'the sample plus a 10 MB unknown key', input: { ...clone(sample), big: BIG }, fieldLevel: true },
    { label: 'the sample plus deep junk', input: { ...clone(sample), junk: DEEP }, fieldLevel: true },
    { label: 'the sample with an own __proto__ key', input: withOwnProto(clone(sample)), fieldLevel: true },
    { label: 'the sample plus constructor', input: { ...clone(sample), constructor: { prototype: { polluted: true } } }, fieldLevel: true },
    { label: 'the sample plus prototype', input: { ...clone(sample), prototype: { polluted: true } }, fieldLevel: true },
  ];
  for (const path of paths(sample)) {
    const at = path.join('.');
    const current = valueAt(sample, path);
    fields.push({ label: `${at} removed`, input: withAt(sample, path, undefined, true), fieldLevel: true });
    for (const [label, value] of WRONG) fields.push({ label: `${at} = ${label}`, input: withAt(sample, path, value), fieldLevel: true });
    fields.push({ label: `${at} = deep junk`, input: withAt(sample, path, DEEP), fieldLevel: true });
    if (typeof current === 'string') fields.push({ label: `${at} = a 10 MB string`, input: withAt(sample, path, BIG), fieldLevel: true });
    if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
      fields.push({
        label: `${at} with an own __proto__ key`,
        input: withAt(sample, path, withOwnProto(clone(current) as Record<string, unknown>)),
        fieldLevel: true,
      });
      fields.push({ label: `${at} plus an unknown key`, input: withAt(sample, path, { ...(current as object), unexpected: 1 }), fieldLevel: true });
    }
  }
  return [...whole, ...fields];
}

// ---- tests ---------------------------------------------------------------------------------------

describe('the example inputs the malformed payloads start from', () => {
  it.each(invokeChannelNames)('%s has a valid one (hand-written or derived from its schema)', (channel) => {
    const parsed = invokeChannels[channel].input.safeParse(sampleFor(channel));
    expect(parsed.success, parsed.success ? '' : parsed.error.message).toBe(true);
  });

  it('can be derived from the schema of every channel, so a new channel is covered without a hand-written one', () => {
    const underived = invokeChannelNames.filter((channel) => {
      const derived = exampleOf(invokeChannels[channel].input);
      return !derived.ok || !invokeChannels[channel].input.safeParse(derived.value).success;
    });
    expect(underived).toEqual([]);
  });
});

describe.each(invokeChannelNames)('malformed input to %s', (channel) => {
  it('is refused with invalid-input before any handler runs, unless the schema accepts it', async () => {
    const outcomes = { accepted: [] as string[], rejected: [] as string[], rejectedFieldLevel: 0 };
    for (const payload of malformedPayloads(channel)) {
      const outcome = await dispatchChecked(channel, payload.input, payload.label);
      outcomes[outcome].push(payload.label);
      if (outcome === 'rejected' && payload.fieldLevel) outcomes.rejectedFieldLevel += 1;
    }
    // The test must be able to fail: every channel refuses something, and refuses a bad field too
    // (every channel's input is a strict object, so an unknown key at least is refused).
    expect(outcomes.rejected.length).toBeGreaterThan(0);
    expect(outcomes.rejectedFieldLevel).toBeGreaterThan(0);
    for (const label of ['whole input null', 'whole input undefined', 'whole input 0', 'whole input a 10 MB string', 'the sample plus an unknown key']) {
      expect(outcomes.rejected, `${channel} accepted ${label}`).toContain(label);
    }
  });

  it('answers the valid sample by running exactly its own handler', async () => {
    expect(await dispatchChecked(channel, sampleFor(channel), 'the valid sample')).toBe('accepted');
  });
});

describe('channel names', () => {
  const notChannels: [string, unknown][] = [
    ['toString', 'toString'],
    ['__proto__', '__proto__'],
    ['constructor', 'constructor'],
    ['hasOwnProperty', 'hasOwnProperty'],
    ['valueOf', 'valueOf'],
    ['an empty string', ''],
    ['an upper-case channel', 'APP:INFO'],
    ['a channel with a space', ' app:info'],
    ['an event channel', 'job:update'],
    ['a made-up channel', 'fs:read'],
    ['null', null],
    ['undefined', undefined],
    ['a number', 1],
    ['an array holding a channel name', ['app:info']],
    ['an object whose toString names a channel', { toString: () => 'app:info' }],
    ['a String object', new String('app:info')],
    ['a symbol', Symbol('app:info')],
  ];

  it.each(notChannels)('the dispatcher answers %s with unknown-channel and runs nothing', async (_what, name) => {
    const { handlers, calls } = recordingHandlers();
    const result = await createDispatcher(handlers)(name, {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(calls).toHaveLength(0);
  });

  it.each(notChannels)('the preload guard isInvokeChannel refuses %s', (_what, name) => {
    expect(isInvokeChannel(name)).toBe(false);
  });

  it.each(notChannels.filter(([, name]) => name !== 'job:update'))('the preload guard isEventChannel refuses %s', (_what, name) => {
    expect(isEventChannel(name)).toBe(false);
  });

  it('the guards accept exactly the contract names, each on its own side', () => {
    for (const name of invokeChannelNames) {
      expect(isInvokeChannel(name)).toBe(true);
      expect(isEventChannel(name)).toBe(false);
    }
    for (const name of eventChannelNames) {
      expect(isEventChannel(name)).toBe(true);
      expect(isInvokeChannel(name)).toBe(false);
    }
  });
});

describe('generated payloads (fast-check)', () => {
  const channelArb = fc.constantFrom(...invokeChannelNames);
  let runs = 0;

  /** The property body: never throws, always an envelope, the handler runs iff the schema accepts. */
  async function check(channel: unknown, input: unknown): Promise<void> {
    runs += 1;
    const { handlers, calls } = recordingHandlers();
    const result = await createDispatcher(handlers)(channel, input);
    if (!Envelope.safeParse(result).success) throw new Error(`not an envelope: ${JSON.stringify(result)}`);
    if (!isInvokeChannel(channel)) {
      if (result.ok || result.error.code !== 'unknown-channel' || calls.length !== 0) throw new Error(`unknown channel ${String(channel)} was not refused`);
      return;
    }
    const accepted = invokeChannels[channel].input.safeParse(input).success;
    if (accepted !== result.ok) throw new Error(`${channel}: schema says ${accepted}, dispatcher answered ${JSON.stringify(result)}`);
    if (!result.ok && result.error.code !== 'invalid-input') throw new Error(`${channel}: wrong code ${result.error.code}`);
    if (calls.length !== (accepted ? 1 : 0)) throw new Error(`${channel}: handler ran ${calls.length} times, schema accepted: ${accepted}`);
    if (pollutedPrototype()) throw new Error('Object.prototype was polluted');
  }

  it('arbitrary JSON values to random channels (and random channel names)', async () => {
    const named = fc.oneof({ weight: 9, arbitrary: channelArb }, { weight: 1, arbitrary: fc.string() });
    await fc.assert(
      fc.asyncProperty(named, fc.jsonValue({ maxDepth: 6 }), (channel, input) => check(channel, input)),
      { numRuns: 6_000 },
    );
  });

  it('a valid sample with one field replaced by arbitrary JSON (so that some are accepted)', async () => {
    const mutation = channelArb.chain((channel) => {
      const sample = sampleFor(channel);
      const targets = paths(sample);
      const replaced: fc.Arbitrary<unknown> =
        targets.length === 0
          ? fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 3 }).map((extra) => ({ ...(sample as object), ...extra }))
          : fc.tuple(fc.constantFrom(...targets), fc.jsonValue({ maxDepth: 4 })).map(([path, value]) => withAt(sample, path, value as Json));
      return fc.tuple(fc.constant(channel), replaced);
    });
    await fc.assert(
      fc.asyncProperty(mutation, ([channel, input]) => check(channel, input)),
      { numRuns: 6_000 },
    );
  });

  afterAll(() => {
    expect(runs).toBeGreaterThanOrEqual(10_000);
  });
});
