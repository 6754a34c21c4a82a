import { z } from 'zod';
import type { Envelope } from './errors';
import { JobRemoved, JobSnapshot, JobUpdate } from './domain/job';
import { EngineStatus } from './domain/engine';
import { FileAdditions, Recipe, RecipePlan } from './domain/recipe';
import { DockerLoginOffer, LoginInput, LoginRecord, RegistryImageNameResult } from './domain/registry';
import { CatalogEntry, PackageVersions, PythonFitReport } from './domain/catalog';
import { ParsedRequirements, RequirementFileSet } from './domain/requirements';
import { InferenceResult } from './domain/infer';
import { SettingsLoadResult, SettingsPatch, Settings } from './domain/settings';
import { PullPolicy, PullSecretAdvice, RuntimeImageWritePlan, RuntimeImageWriteResult } from './domain/elyra-metadata';
import { HistoryList } from './domain/history';
import { PythonVersion } from './domain/elyra';
import { TryInput } from './domain/try';
import { MakeInput } from './domain/make';
import { PushEstimate } from './domain/layers';

/**
 * The one list of every IPC channel: its input schema and its result schema. The preload bridge,
 * the main-process handler registration, the Playwright test bridge and the renderer's types are
 * all derived from these two objects, so no channel name is ever typed twice.
 */
const channel = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O) => ({ input, output });
const none = z.object({}).strict();

/** The "Use in Elyra" form: the plan is made in main from these fields, never sent by the renderer. */
const RuntimeImageForm = z
  .object({
    imageName: z.string().min(1).max(500),
    displayName: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    tags: z.array(z.string().min(1).max(100)).max(50),
    pullPolicy: PullPolicy.nullable(),
    pullSecret: z.string().max(253).nullable(),
    /** The image needs credentials to pull: say what the cluster needs. */
    private: z.boolean(),
  })
  .strict();

export const EngineImage = z.object({
  id: z.string(),
  tags: z.array(z.string()),
  createdAt: z.string(),
  sizeBytes: z.number(),
  /** JSON list of requirement lines, as the image's label holds it. */
  packages: z.string(),
  elyraVersion: z.string().nullable(),
  builtBy: z.string().nullable(),
});
export type EngineImage = z.infer<typeof EngineImage>;

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** Only these pages may be opened in the user's browser; anything else is refused in main. */
export const ExternalLink = z.enum(['install-docker', 'elyra-runtime-images', 'docker-desktop', 'colima', 'rancher-desktop']);
export type ExternalLink = z.infer<typeof ExternalLink>;

export const invokeChannels = {
  'app:info': channel(none, AppInfo),
  'app:open-link': channel(z.object({ link: ExternalLink }).strict(), z.object({ opened: z.boolean() })),
  /** Files given to the app before the window could take them (command line, Dock, second instance). */
  'app:take-pending-files': channel(none, z.object({ paths: z.array(z.string()) })),
  /**
   * The screen a new window should open on, once: a window reopened from a notification or the tray
   * after a push or build went on without it shows that job, not the first screen.
   */
  'app:take-pending-screen': channel(none, z.object({ screen: z.string().nullable() })),
  /** The renderer has no clipboard permission; main writes it. */
  'app:copy': channel(z.object({ text: z.string().max(100_000) }).strict(), z.object({ copied: z.boolean() })),
  'engine:status': channel(z.object({ refresh: z.boolean().optional() }).strict(), EngineStatus),
  'engine:select': channel(z.object({ id: z.string().min(1).max(500) }).strict(), EngineStatus),
  'job:list': channel(none, z.array(JobSnapshot)),
  'job:get': channel(
    z.object({ id: z.string().uuid(), fromLine: z.number().int().nonnegative().optional() }).strict(),
    z.object({ snapshot: JobSnapshot, log: z.array(z.string()) }),
  ),
  'job:cancel': channel(z.object({ id: z.string().uuid() }).strict(), z.object({ cancelled: z.boolean() })),
  'catalog:list': channel(none, z.array(CatalogEntry)),
  'catalog:versions': channel(z.object({ name: z.string().min(1).max(200), indexUrl: z.string().max(2000).nullable() }).strict(), PackageVersions),
  'recipe:default': channel(none, Recipe),
  'settings:get': channel(none, SettingsLoadResult),
  'settings:update': channel(z.object({ patch: SettingsPatch }).strict(), Settings),
  /** The recipe as the user left it: saved as they work, so a quit, crash or reboot loses nothing. */
  'draft:load': channel(none, z.object({ recipe: Recipe.nullable(), savedAt: z.string().nullable() })),
  'draft:save': channel(z.object({ recipe: Recipe }).strict(), z.object({ savedAt: z.string() })),
  'draft:clear': channel(none, z.object({ cleared: z.boolean() })),
  'recipe:plan': channel(z.object({ recipe: Recipe }).strict(), RecipePlan),
  /** Each exact pin looked up in the package index: installable on the recipe's Python? Which Python fits all? */
  'recipe:python-fit': channel(z.object({ recipe: Recipe }).strict(), PythonFitReport),
  'recipe:suggest-name': channel(
    z
      .object({
        packages: z.array(z.string().max(200)).max(2000),
        user: z.string().max(100).optional(),
        /** Registry and namespace to name it under ('quay.io/alice'), from the current name, settings or a login. */
        owner: z.string().max(300).optional(),
      })
      .strict(),
    z.object({ name: z.string() }),
  ),
  /** Asks for a folder, then writes the Dockerfile and its context files there. */
  'recipe:export': channel(z.object({ recipe: Recipe }).strict(), z.object({ folder: z.string().nullable(), files: z.array(z.string()) })),
  /** Reads a requirements file and the files it includes (-r/-c), each line parsed. */
  'requirements:open': channel(
    z.object({ path: z.string().min(1).max(4096) }).strict(),
    z.object({ set: RequirementFileSet, added: FileAdditions.nullable() }),
  ),
  /**
   * For a file dropped without a path (the browser gives none): its bytes, base64, checked in main
   * like a file on disk (binary, UTF-16, too large) and parsed as one file; includes cannot be followed.
   * The renderer sends at most one byte more than the size limit, so main can say it is too large.
   */
  'requirements:parse-bytes': channel(
    z.object({ name: z.string().min(1).max(255), base64: z.string().max(1_500_000) }).strict(),
    z.object({ parsed: ParsedRequirements, added: FileAdditions }),
  ),
  /** Packages that notebooks and scripts (files or folders on disk) need, from their imports and %pip lines. */
  'infer:paths': channel(
    z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(500), pythonVersion: PythonVersion, indexUrl: z.string().max(2000).nullable() }).strict(),
    InferenceResult,
  ),
  /** The same for notebooks dropped without a path: their text. */
  'infer:sources': channel(
    z
      .object({
        files: z
          .array(z.object({ name: z.string().min(1).max(255), content: z.string().max(100_000_000) }).strict())
          .min(1)
          .max(200),
        pythonVersion: PythonVersion,
        indexUrl: z.string().max(2000).nullable(),
      })
      .strict(),
    InferenceResult,
  ),
  /** Starts building the recipe on the selected engine; the build, its check and its size are one job. */
  'build:start': channel(z.object({ recipe: Recipe, noCache: z.boolean().optional() }).strict(), JobSnapshot),
  /** Saved logins (never their secrets) and the Docker logins the user could reuse. */
  'registry:logins': channel(none, z.object({ logins: z.array(LoginRecord), offers: z.array(DockerLoginOffer) })),
  /** Checks the credentials with the engine, then keeps the secret in the keychain (or for this session only). */
  'registry:login': channel(LoginInput, LoginRecord),
  'registry:use-docker-login': channel(z.object({ registry: z.string().min(1).max(500) }).strict(), LoginRecord),
  /** Forgets what the app stored for that registry; Docker's own login is never touched. */
  'registry:logout': channel(z.object({ serverAddress: z.string().min(1).max(500) }).strict(), z.object({ removed: z.boolean() })),
  /** Where a local image would go in a registry the user logged in to: same path and tag, that registry's host. */
  'push:suggest-reference': channel(
    z.object({ image: z.string().min(1).max(500), serverAddress: z.string().min(1).max(500) }).strict(),
    RegistryImageNameResult,
  ),
  /** What a push of the image will send: asked of the registry it was last pushed to, else its changed layers. */
  'push:estimate': channel(z.object({ image: z.string().min(1).max(500) }).strict(), PushEstimate),
  /** Tags the local image as `reference` and pushes it with the saved login for its registry. */
  'push:start': channel(z.object({ image: z.string().min(1).max(500), reference: z.string().min(1).max(500) }).strict(), JobSnapshot),
  /** Where "Add to Elyra" would write, what, and the equivalent elyra-metadata command. */
  'elyra:plan': channel(RuntimeImageForm, z.object({ plan: RuntimeImageWritePlan, command: z.string(), pullSecret: PullSecretAdvice.nullable() })),
  /** Writes the runtime-image file; an existing one is replaced only with `replace`. */
  'elyra:write': channel(RuntimeImageForm.extend({ replace: z.boolean() }).strict(), RuntimeImageWriteResult),
  'history:list': channel(none, HistoryList),
  'history:delete': channel(z.object({ id: z.string().min(1).max(100) }).strict(), z.object({ deleted: z.boolean() })),
  /** Images on the engine that this app built (they carry its labels). */
  'engine:images': channel(none, z.array(EngineImage)),
  /** Asks for a folder and saves the lock (name==version lines) there. */
  'lock:save': channel(
    z.object({ lines: z.array(z.string().max(500)).max(5000), name: z.string().min(1).max(200) }).strict(),
    z.object({ path: z.string().nullable() }),
  ),
  /**
   * Tries a built image with notebooks, scripts and folders on disk, the way Elyra runs them: an
   * import check, then each file run; a job whose result is a TryReport.
   */
  'try:start': channel(TryInput, JobSnapshot),
  /**
   * Build (with its check), try the notebooks (when given), push and add to Elyra, as one job with a
   * step list; refused before it starts when the recipe, the reference, the login or the Elyra name is wrong.
   */
  'make:start': channel(MakeInput, JobSnapshot),
  /** Opens a try's results folder in the system's file manager (only folders that tries made). */
  'try:open-folder': channel(z.object({ path: z.string().min(1).max(4096) }).strict(), z.object({ opened: z.boolean() })),
  /** The same as File › Open: asks for requirements files or notebooks, answers with their paths. */
  'dialog:open-files': channel(none, z.object({ paths: z.array(z.string()) })),
} as const;

/** Messages main sends to the renderer without being asked. */
export const eventChannels = {
  'job:update': JobUpdate,
  'job:removed': JobRemoved,
  'app:open-files': z.object({ paths: z.array(z.string()) }),
  'app:navigate': z.object({ screen: z.string() }),
} as const;

export type InvokeChannel = keyof typeof invokeChannels;
export type EventChannel = keyof typeof eventChannels;
export type ChannelInput<C extends InvokeChannel> = z.input<(typeof invokeChannels)[C]['input']>;
export type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['input']>;
export type ChannelResult<C extends InvokeChannel> = z.output<(typeof invokeChannels)[C]['output']>;
export type EventPayload<E extends EventChannel> = z.output<(typeof eventChannels)[E]>;

export const invokeChannelNames = Object.keys(invokeChannels) as InvokeChannel[];
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

export function isInvokeChannel(name: unknown): name is InvokeChannel {
  return typeof name === 'string' && Object.hasOwn(invokeChannels, name);
}

export function isEventChannel(name: unknown): name is EventChannel {
  return typeof name === 'string' && Object.hasOwn(eventChannels, name);
}

/** The implementation side: one function per channel, given input that has already been validated. */
export type Handlers = { [C in InvokeChannel]: (input: ParsedInput<C>) => Promise<ChannelResult<C>> };

/** What `window.api` is, whichever bridge (Electron preload or Playwright test bridge) provides it. */
export interface Bridge {
  invoke<C extends InvokeChannel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelResult<C>>>;
  on<E extends EventChannel>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** The file-system path of a dropped file; null where the bridge cannot know it (tests, web). */
  pathForFile(file: File): string | null;
}

/** The largest file the renderer sends for checking: the limit (1 MiB) and one byte more. */
export const DROPPED_BYTES_SENT = 1_048_576 + 1;

/** Names used by the bridges on the wire; kept here so the preload and test bridge agree. */
export const bridgeGlobal = 'api';
