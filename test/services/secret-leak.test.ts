// The registry password goes to the OS keychain and nowhere else. On real parts: the test engine
// (DOCKER_HOST), a private registry this file starts with a distinctive password, the package index
// (RIB_INDEX_URL) and the Secret Service of the test session. The app core runs as main runs it,
// with conf stores in a temp data folder, and does what a user does: a wrong login, a login, a
// build, a push, a push to a registry that went down, "Add to Elyra". Then every place the password
// could end up is searched for it, raw and encoded.
//   dbus-run-session -- bash -c 'bash test/infra/keyring.sh && npx vitest run --project services test/services/secret-leak.test.ts'
// Under CI=true a missing part fails; elsewhere the test is skipped, saying why.
import { execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { extract } from 'tar-stream';
import type { AppCore } from '../../electron/core/app-core';
import { storeNames } from '../../electron/core/store-files';
import type { ChannelInput, ChannelResult, EventChannel, EventPayload, InvokeChannel } from '../../electron/contract/ipc';
import type { Envelope } from '../../electron/contract/errors';
import type { JobSnapshot } from '../../electron/contract/domain/job';
import { SECRET_SERVICE, secretAccount } from '../../electron/services/credentials/secret-store';
import { lookupKeychainItem, secretServiceMissingReason } from '../fixtures/push-events/tools/keyring-session';
import { type PrivateRegistry, privateRegistryMissingReason, startPrivateRegistry } from '../fixtures/push-events/tools/private-registry';
import { unavailable } from '../fixtures/push-events/tools/skip-or-fail';
import { startHeadlessCore } from '../support/headless-core';
import { engineUnavailableReason, testDockerClient } from '../fixtures/push-events/tools/test-engine';

// Distinctive, and with characters that URL-encoding changes, so each encoded form differs from the raw one.
const PASSWORD = `Rib+Leak/Canary@${randomUUID()}`;
const WRONG_PASSWORD = `Rib+Wrong/Canary@${randomUUID()}`;
const USER = 'rib-leak-user';
const BASE = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';
const INDEX = process.env['RIB_INDEX_URL'];
const STAMP = Date.now();
const BUILT = `rib-leak/canary:${STAMP}`;
/** Printed once, so the test can tell that it really captures what the process prints. */
const PRINT_MARKER = '[secret-leak] journey:';

// ---- what "found" means ------------------------------------------------------------------------

/**
 * The base64 of `secret` wherever it sits in a longer base64 text (an X-Registry-Auth header, an
 * `auth` field of user:password): for each of the 3 alignments, the characters that depend only on
 * the secret's own bytes.
 */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  return [0, 1, 2].map((pad) => {
    const encoded = Buffer.concat([Buffer.alloc(pad, 0x41), bytes]).toString('base64');
    const start = Math.ceil((pad * 8) / 6);
    const end = Math.floor(((pad + bytes.length) * 8) / 6);
    return encoded.slice(start, end);
  });
}

interface Needle {
  secret: string;
  form: string;
  bytes: Buffer;
}

function needlesFor(name: string, secret: string): Needle[] {
  const forms = new Map<string, string>([
    ['raw', secret],
    ['URL-encoded', encodeURIComponent(secret)],
    ['form-encoded', new URLSearchParams({ p: secret }).toString().slice(2)],
    ['JSON-escaped', JSON.stringify(secret).slice(1, -1)],
  ]);
  base64Cores(secret).forEach((core, i) => {
    forms.set(`base64 (alignment ${i})`, core);
    forms.set(`base64url (alignment ${i})`, core.replace(/\+/g, '-').replace(/\//g, '_'));
  });
  const needles = [...forms].map(([form, text]) => ({ secret: name, form, bytes: Buffer.from(text, 'utf8') }));
  needles.push({ secret: name, form: 'UTF-16LE', bytes: Buffer.from(secret, 'utf16le') });
  return needles;
}

interface Hit {
  where: string;
  secret: string;
  form: string;
}

/** Searches bytes for every needle; remembers what it searched so the test can say how much. */
class LeakSearch {
  readonly hits: Hit[] = [];
  readonly places = new Set<string>();
  bytes = 0;

  constructor(private readonly needles: Needle[]) {}

  scan(where: string, data: Buffer | string): void {
    const buffer = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.places.add(where.split(' › ')[0] ?? where);
    this.bytes += buffer.length;
    for (const needle of this.needles) {
      if (buffer.includes(needle.bytes)) this.hits.push({ where, secret: needle.secret, form: needle.form });
    }
  }

  /** Searches the bytes, then looks inside: gzip is unpacked, a tar is opened entry by entry. */
  async scanArchive(where: string, data: Buffer, depth = 0): Promise<void> {
    this.scan(where, data);
    if (depth > 4) return;
    if (data.length > 2 && data[0] === 0x1f && data[1] === 0x8b) {
      await this.scanArchive(`${where} › gunzip`, gunzipSync(data), depth + 1);
    } else if (data.length > 262 && data.subarray(257, 262).toString('latin1') === 'ustar') {
      await this.scanTarStream(where, Readable.from([data]), depth + 1);
    }
  }

  /** One entry in memory at a time: a saved image is hundreds of MB. */
  scanTarStream(where: string, stream: NodeJS.ReadableStream, depth: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const tar = extract();
      tar.on('entry', (header, entry, next) => {
        const chunks: Buffer[] = [];
        // tar-stream hands out Buffers; its typings say unknown.
        entry.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
        entry.on('end', () => {
          this.scanArchive(`${where} › ${header.name}`, Buffer.concat(chunks), depth).then(() => next(), reject);
        });
        entry.on('error', reject);
      });
      tar.on('finish', resolve);
      tar.on('error', reject);
      stream.on('error', reject);
      stream.pipe(tar);
    });
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

// ---- the real parts ------------------------------------------------------------------------------

let missing: string | null = null;
let registry: PrivateRegistry | null = null;
let core: AppCore | null = null;
const dirs: string[] = [];
let dataDir = '';
let homeDir = '';
let jupyterDir = '';
let dockerConfigDir = '';
const dockerEnv = { ...process.env };

/** Everything the app said, in the order it said it. */
const published: string[] = [];
const envelopes: string[] = [];
const logged: string[] = [];
const printed: string[] = [];
const restorers: (() => void)[] = [];
const jobIds: string[] = [];
const pushedRefs: string[] = [];
let journeyDone = false;

function docker(args: string[]): string {
  return execFileSync('docker', args, { env: dockerEnv, maxBuffer: 256 * 1024 * 1024 }).toString();
}

/** What this process prints from now on (stdout, stderr, console), still printed as usual. */
function capturePrinted(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write.bind(stream);
    const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (original as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    };
    stream.write = write as typeof stream.write;
    restorers.push(() => {
      stream.write = original as typeof stream.write;
    });
  }
  for (const method of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      printed.push(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 10 }))).join(' '));
      original(...args);
    };
    restorers.push(() => {
      console[method] = original;
    });
  }
}

beforeAll(async () => {
  const client = process.env['DOCKER_HOST'] ? await testDockerClient(process.env['DOCKER_HOST']) : null;
  missing = (await engineUnavailableReason(client)) ?? privateRegistryMissingReason() ?? secretServiceMissingReason();
  if (missing === null && !INDEX) missing = 'RIB_INDEX_URL is not set: the build needs the test package index (test/infra/up.sh starts it)';
  if (missing === null) {
    try {
      docker(['version', '--format', '{{.Server.Version}}']);
    } catch {
      missing = 'the docker CLI is not installed or cannot reach DOCKER_HOST (it reads history and saves the image)';
    }
  }
  if (
    missing === null &&
    (await client
      ?.getImage(BASE)
      .inspect()
      .then(
        () => true,
        () => false,
      )) !== true
  ) {
    missing = `the base image ${BASE} is not on the test engine (test/infra/up.sh makes it)`;
  }
  if (missing !== null) return;

  registry = await startPrivateRegistry(USER, PASSWORD);
  for (const name of ['data', 'home', 'jupyter', 'docker-config']) dirs.push(mkdtempSync(join(tmpdir(), `rib-leak-${name}-`)));
  [dataDir, homeDir, jupyterDir, dockerConfigDir] = dirs as [string, string, string, string];
  capturePrinted();
  ({ core } = startHeadlessCore({
    publish: <E extends EventChannel>(event: E, payload: EventPayload<E>) => {
      published.push(`${event} ${JSON.stringify(payload)}`);
    },
    dataDir,
    // Docker's own config and Elyra's folder point into temp folders, so everything the app could
    // write there is searched too, and the machine's real ones are not touched.
    env: { ...process.env, DOCKER_CONFIG: dockerConfigDir, JUPYTER_DATA_DIR: jupyterDir, ELYRA_METADATA_PATH: undefined, HOME: homeDir },
    homedir: homeDir,
    version: '0.0.0-leak-test',
    logError: (channel, error) => {
      // As a log would write it: the message, the stack, and every property of the error object.
      logged.push(`${channel}: ${inspect(error, { depth: 10, showHidden: true })}`);
    },
  }));
});

afterAll(async () => {
  for (const restore of restorers.reverse()) restore();
  // Forget the login even when the test failed halfway, so no canary stays in the session keyring.
  await core?.dispatch('registry:logout', { serverAddress: registry?.host ?? '' }).catch(() => undefined);
  await core?.dispose();
  await registry?.dispose();
  for (const ref of [BUILT, ...pushedRefs]) {
    try {
      docker(['rmi', '--force', ref]);
    } catch {
      // Never built or pushed: nothing to remove.
    }
  }
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

type Ctx = { skip: (note?: string) => void };
function need(ctx: Ctx): { core: AppCore; registry: PrivateRegistry } {
  if (missing !== null || core === null || registry === null) unavailable(ctx, 'secret leak test', missing ?? 'set-up did not finish');
  return { core, registry };
}

/** Calls the core as the renderer would, and keeps the answer for the search. */
async function call<C extends InvokeChannel>(app: AppCore, channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelResult<C>>> {
  const result = (await app.dispatch(channel, input)) as Envelope<ChannelResult<C>>;
  envelopes.push(`${channel} ${JSON.stringify(result)}`);
  return result;
}

function valueOf<T>(result: Envelope<T>, what: string): T {
  if (!result.ok) throw new Error(`${what} failed: ${result.error.code}: ${result.error.message} ${result.error.detail ?? ''}`);
  return result.value;
}

async function runJob(app: AppCore, started: Envelope<JobSnapshot>, what: string): Promise<JobSnapshot> {
  const snapshot = valueOf(started, what);
  jobIds.push(snapshot.id);
  return app.jobs.wait(snapshot.id);
}

/** The image as the registry holds it: manifest, config and every layer blob. */
async function registryBlobs(reg: PrivateRegistry, reference: string): Promise<{ where: string; data: Buffer }[]> {
  const path = reference.slice(reg.host.length + 1);
  const [repository, tag] = path.split(':') as [string, string];
  const headers = {
    Authorization: `Basic ${Buffer.from(`${reg.user}:${reg.password}`).toString('base64')}`,
    Accept: 'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json',
  };
  const manifestResponse = await fetch(`${reg.url}/v2/${repository}/manifests/${tag}`, { headers });
  if (!manifestResponse.ok) throw new Error(`the registry has no manifest for ${reference}: HTTP ${manifestResponse.status}`);
  const manifestText = await manifestResponse.text();
  const manifest = JSON.parse(manifestText) as { config: { digest: string }; layers: { digest: string }[] };
  const blobs = [{ where: `registry manifest ${reference}`, data: Buffer.from(manifestText) }];
  for (const digest of [manifest.config.digest, ...manifest.layers.map((l) => l.digest)]) {
    const blob = await fetch(`${reg.url}/v2/${repository}/blobs/${digest}`, { headers });
    if (!blob.ok) throw new Error(`the registry has no blob ${digest}: HTTP ${blob.status}`);
    blobs.push({ where: `registry blob ${digest}`, data: Buffer.from(await blob.arrayBuffer()) });
  }
  return blobs;
}

function dockerSave(refs: string[], search: LeakSearch): Promise<void> {
  const child = spawn('docker', ['save', ...refs], { env: dockerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`docker save exited ${code}: ${stderr}`))));
  });
  return Promise.all([search.scanTarStream(`docker save ${refs.join(' ')}`, child.stdout, 1), exited]).then(() => undefined);
}

describe('the registry password after login, build and push', () => {
  it('goes through the journey: a wrong login, a login, a build, a push, a push that fails', async (ctx) => {
    const { core: app, registry: reg } = need(ctx);
    console.log(`${PRINT_MARKER} registry ${reg.host}, image ${BUILT}`);

    // A wrong password: refused, and the refusal goes through the error log.
    const wrong = await call(app, 'registry:login', { registry: reg.host, username: USER, password: WRONG_PASSWORD, sessionOnly: false });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'wrong-credentials' } });
    expect(logged.length).toBeGreaterThan(0);

    const record = valueOf(await call(app, 'registry:login', { registry: reg.host, username: USER, password: PASSWORD, sessionOnly: false }), 'login');
    expect(record.storage).toBe('keychain');
    valueOf(await call(app, 'registry:logins', {}), 'logins');

    const index = new URL(INDEX ?? '');
    valueOf(
      await call(app, 'settings:update', {
        patch: {
          packageIndex: { indexUrl: index.href, extraIndexUrls: [], trustedHosts: [index.host] },
          elyraVersion: 'main',
          pythonVersion: '3.11',
          buildNetwork: 'host',
        },
      }),
      'settings',
    );
    const recipe = {
      ...valueOf(await call(app, 'recipe:default', {}), 'default recipe'),
      imageName: BUILT,
      pythonVersion: '3.11' as const,
      packages: [{ id: 'p1', text: 'ribdemo-alpha==1.1.0', origin: { file: null, line: null } }],
    };
    valueOf(await call(app, 'draft:save', { recipe }), 'draft');
    expect(valueOf(await call(app, 'recipe:plan', { recipe }), 'plan').canBuild).toBe(true);

    const built = await runJob(app, await call(app, 'build:start', { recipe }), 'build');
    expect(built.status, JSON.stringify(built.error)).toBe('succeeded');

    const reference = `${reg.host}/rib-leak/canary:1`;
    pushedRefs.push(reference);
    const pushed = await runJob(app, await call(app, 'push:start', { image: BUILT, reference }), 'push');
    expect(pushed.status, JSON.stringify(pushed.error)).toBe('succeeded');

    // The registry goes down: the push fails, and its error travels through job, events and history.
    await reg.stop();
    try {
      const downRef = `${reg.host}/rib-leak/canary:down`;
      pushedRefs.push(downRef);
      const failed = await runJob(app, await call(app, 'push:start', { image: BUILT, reference: downRef }), 'push to a stopped registry');
      expect(failed.status).toBe('failed');
    } finally {
      await reg.start();
    }

    valueOf(
      await call(app, 'elyra:write', {
        imageName: reference,
        displayName: 'Leak canary',
        tags: ['leak'],
        pullPolicy: null,
        pullSecret: null,
        private: true,
        replace: true,
      }),
      'add to Elyra',
    );
    for (const id of jobIds) valueOf(await call(app, 'job:get', { id }), 'job log');
    valueOf(await call(app, 'job:list', {}), 'jobs');
    valueOf(await call(app, 'history:list', {}), 'history');
    valueOf(await call(app, 'settings:get', {}), 'settings');
    valueOf(await call(app, 'draft:load', {}), 'draft');
    journeyDone = true;
  });

  it('is in the keychain, where it belongs (so the search below can find what it looks for)', async (ctx) => {
    const { registry: reg } = need(ctx);
    expect(journeyDone, 'the journey above did not finish').toBe(true);
    const stored = lookupKeychainItem(SECRET_SERVICE, secretAccount(USER, reg.host));
    expect(stored).toBe(PASSWORD);

    // The search itself finds the password in each form it could take.
    const selfTest = new LeakSearch(needlesFor('password', PASSWORD));
    const auth = Buffer.from(JSON.stringify({ username: USER, password: PASSWORD, serveraddress: reg.host })).toString('base64url');
    selfTest.scan('X-Registry-Auth', `X-Registry-Auth: ${auth}`);
    selfTest.scan('config auth', `{"auth":"${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}"}`);
    selfTest.scan('url', `https://${USER}:${encodeURIComponent(PASSWORD)}@${reg.host}/`);
    const { pack } = await import('tar-stream');
    const packed = pack();
    packed.entry({ name: 'etc/leak.txt' }, `token=${PASSWORD}\n`);
    packed.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of packed as AsyncIterable<Buffer>) chunks.push(chunk);
    const { gzipSync } = await import('node:zlib');
    await selfTest.scanArchive('layer.tar.gz', gzipSync(Buffer.concat(chunks)));
    expect(selfTest.hits.map((h) => h.where)).toEqual(
      expect.arrayContaining(['X-Registry-Auth', 'config auth', 'url', 'layer.tar.gz › gunzip', 'layer.tar.gz › gunzip › etc/leak.txt']),
    );
  });

  it('is nowhere else: files, events, answers, job logs, error log, output, image history, config, layers, registry', async (ctx) => {
    const { registry: reg } = need(ctx);
    expect(journeyDone, 'the journey above did not finish').toBe(true);
    const search = new LeakSearch([...needlesFor('password', PASSWORD), ...needlesFor('wrong password', WRONG_PASSWORD)]);

    const files = [dataDir, homeDir, jupyterDir, dockerConfigDir].flatMap(filesUnder);
    // The settings, history and draft files at least, and the runtime-image file Elyra reads.
    expect(files.some((f) => f.endsWith(`${storeNames.settings}.json`))).toBe(true);
    expect(files.some((f) => f.endsWith(`${storeNames.history}.json`))).toBe(true);
    expect(files.some((f) => f.startsWith(jupyterDir))).toBe(true);
    for (const file of files) search.scan(`file ${file}`, readFileSync(file));

    for (const [where, texts] of [
      ['published events', published],
      ['IPC answers', envelopes],
      ['error log', logged],
      ['printed output', printed],
    ] as const) {
      expect(texts.length, `${where}: nothing was captured`).toBeGreaterThan(0);
      texts.forEach((text, i) => search.scan(`${where} › #${i}`, text));
    }
    // The job logs are among the answers (job:get), non-empty.
    expect(envelopes.some((e) => e.startsWith('job:get') && !e.includes('"log":[]'))).toBe(true);
    expect(
      printed.some((p) => p.includes(PRINT_MARKER)),
      'printed output is not being captured',
    ).toBe(true);

    const refs = [BUILT, pushedRefs[0] ?? ''];
    for (const ref of refs) {
      search.scan(`docker history ${ref}`, docker(['history', '--no-trunc', '--format', '{{json .}}', ref]));
      search.scan(`docker image inspect ${ref}`, docker(['image', 'inspect', ref]));
    }
    await dockerSave(refs, search);
    for (const blob of await registryBlobs(reg, pushedRefs[0] ?? '')) await search.scanArchive(blob.where, blob.data);

    console.log(
      `[secret-leak] searched ${(search.bytes / 1e6).toFixed(0)} MB in ${search.places.size} places for ${needlesFor('', PASSWORD).length} forms of each password`,
    );
    expect(search.bytes).toBeGreaterThan(50_000_000);
    expect(search.hits).toEqual([]);
  });
});
