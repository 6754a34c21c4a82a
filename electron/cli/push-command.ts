import { homedir } from 'node:os';
import { describeLayerCounts } from '../contract/domain/push';
import { parseArgs } from 'node:util';
import type Dockerode from 'dockerode';
import type { PushProgress } from '../contract/domain/job';
import { AppError } from '../contract/errors';
import { pushWithLogin } from '../services/push';
import { type PushTarget, parsePushTarget, registryImageName, registryOrThrow } from '../services/registry';
import { parseImageReference } from '../services/reference';
import { engineForCli } from './build-command';
import { errorLines } from './format';
import { cliLogin } from './push-credentials';
import { createPushLines } from './push-lines';

const options = {
  registry: { type: 'string' },
  reference: { type: 'string' },
  namespace: { type: 'string' },
  name: { type: 'string' },
  tag: { type: 'string' },
  username: { type: 'string' },
  'password-stdin': { type: 'boolean' },
} as const;

type PushArgs = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];

/** Exit status of a push cancelled with Ctrl-C: the shell's 128 + SIGINT, so scripts can tell it from a failure. */
export const CANCELLED_EXIT = 130;

/**
 * `push <image> --registry <url> [--reference <target>] [--namespace ns] [--name n] [--tag t]
 * [--username u [--password-stdin]]`: the app's push (tag, push, progress, digest) as lines.
 * Wrong arguments throw (exit 2); a push that fails prints why and exits 1.
 */
export async function pushCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [image, extra] = positionals;
  if (!image) throw new AppError('invalid-input', 'push needs the local image to push, e.g. push rib/pandas:1 --registry quay.io --namespace alice.');
  if (extra !== undefined) throw new AppError('invalid-input', `push takes one image, not also "${extra}".`);
  if (values['password-stdin'] && !values.username) throw new AppError('invalid-input', '--password-stdin needs --username.');
  const target = pushTarget(image, values);
  // Read before anything slow, and before Ctrl-C means "cancel": the user is still typing it.
  const password = values['password-stdin'] ? await readPassword() : undefined;

  const controller = new AbortController();
  const onSignal = (): void => {
    console.error('Cancelling the push… (Ctrl-C again to quit at once)');
    controller.abort(new AppError('cancelled', 'The push was cancelled.'));
    process.once('SIGINT', () => process.exit(CANCELLED_EXIT));
  };
  process.once('SIGINT', onSignal);
  let engine: Promise<Dockerode> | null = null;
  const docker = (): Promise<Dockerode> => (engine ??= engineForCli().client());
  try {
    console.log(`==> Pushing ${image} to ${target.reference}`);
    const login = await cliLogin({
      registry: target.registry,
      username: values.username,
      password,
      docker,
      env: process.env,
      homedir: process.env['HOME'] ?? homedir(),
      signal: controller.signal,
    });
    console.log(`==> Logged in to ${target.registry.displayName} with ${login.source}`);
    const client = await docker();
    // As the app does before starting the job: a missing image is named as such, not as a failed tag.
    await client
      .getImage(image)
      .inspect()
      .catch(() => {
        throw new AppError('image-not-found', `There is no image ${image} on the engine: build it first.`);
      });
    const lines = createPushLines({ startedAtMs: Date.now() });
    // A holder, not a `let`: TypeScript does not see assignments made in the callback.
    const seen: { last: PushProgress | null } = { last: null };
    // An engine that says nothing until the push is over (Podman) still gets a line now and then.
    const ticking = setInterval(() => {
      for (const line of lines.tick(Date.now())) console.log(line);
    }, 1000);
    const result = await pushWithLogin({
      docker: client,
      image,
      reference: target.reference,
      login: login.record,
      stores: login.stores,
      signal: controller.signal,
      onEvent: (update) => {
        seen.last = update.progress;
        for (const line of lines.update(update, Date.now())) console.log(line);
      },
    }).finally(() => clearInterval(ticking));
    const final = seen.last === null ? null : lines.final(seen.last, Date.now());
    if (final !== null) console.log(final);
    console.log(`==> Pushed ${result.reference} (${describeLayerCounts(result)})`);
    console.log(`digest: ${result.digest}`);
    console.log(`pinned: ${result.pinned}`);
    return 0;
  } catch (error) {
    for (const line of errorLines(error)) console.error(line);
    return controller.signal.aborted ? CANCELLED_EXIT : 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** The full target: --reference as given, or built from the registry, namespace, name and tag. */
function pushTarget(image: string, values: PushArgs): PushTarget {
  if (values.reference !== undefined) {
    if (values.namespace !== undefined || values.name !== undefined || values.tag !== undefined) {
      throw new AppError('invalid-input', '--reference names the whole target: leave out --namespace, --name and --tag, or --reference.');
    }
    const parsed = parsePushTarget(values.reference);
    if (!parsed.ok) throw new AppError('invalid-input', `--reference ${values.reference}: ${parsed.error.message}`);
    if (values.registry !== undefined) {
      const registry = registryOrThrow(values.registry);
      if (registry.serverAddress !== parsed.target.registry.serverAddress) {
        throw new AppError(
          'invalid-input',
          `--reference ${values.reference} is on ${parsed.target.registry.displayName}, not on --registry ${values.registry}.`,
        );
      }
    }
    return parsed.target;
  }
  // Like `docker push`: an image already named for a registry goes where its name says, unless the
  // options rename it.
  const own = values.namespace === undefined && values.name === undefined && values.tag === undefined ? fullyNamedTarget(image) : null;
  if (own !== null && (values.registry === undefined || registryOrThrow(values.registry).serverAddress === own.registry.serverAddress)) return own;
  if (values.registry === undefined) throw new AppError('invalid-input', 'push needs --registry <url> (or --reference <registry/namespace/name:tag>).');
  const registry = registryOrThrow(values.registry);
  const local = localNameAndTag(image);
  const name = values.name ?? local?.name;
  if (name === undefined) throw new AppError('invalid-input', `${image} is an image id: say what to call it with --name (and --tag).`);
  const named = registryImageName({ registry, namespace: values.namespace ?? null, name, tag: values.tag ?? local?.tag ?? 'latest' });
  if (!named.ok) throw new AppError('invalid-input', named.error.message);
  const parsed = parsePushTarget(named.reference);
  if (!parsed.ok) throw new AppError('invalid-input', parsed.error.message);
  return parsed.target;
}

/** The push target an image's own name gives ('127.0.0.1:5000/team/pandas:1'), or null when it names no registry. */
function fullyNamedTarget(image: string): PushTarget | null {
  if (/^(sha256:)?[a-f0-9]{12,64}$/.test(image)) return null;
  const parsed = parseImageReference(image);
  if (!parsed.ok || parsed.reference.domain === null) return null;
  const target = parsePushTarget(image);
  return target.ok ? target.target : null;
}

/** 'rib/pandas:1' → pandas, 1: the defaults for --name and --tag. Null for an image id. */
function localNameAndTag(image: string): { name: string; tag: string | null } | null {
  if (/^(sha256:)?[a-f0-9]{12,64}$/.test(image)) return null;
  const parsed = parseImageReference(image);
  if (!parsed.ok) throw new AppError('invalid-input', `${image}: ${parsed.error.message}`);
  const name = parsed.reference.repository.split('/').at(-1) ?? parsed.reference.repository;
  return { name, tag: parsed.reference.tag };
}

/** Like `docker login --password-stdin`: everything up to EOF, without the final newline. */
export async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) console.error('Password (then Enter and Ctrl-D):');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const password = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  if (password === '') throw new AppError('invalid-input', '--password-stdin read an empty password.');
  return password;
}
