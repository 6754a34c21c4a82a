import { z } from 'zod';
import { BuildNetwork } from './build';
import { ElyraVersion, PythonVersion } from './elyra';
import { Platform } from './recipe';

// The user's preferences. Every field has a default so that a damaged or partial settings file can
// be repaired field by field instead of being thrown away whole. zod only.

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'An http:// or https:// address' })
  // Settings are a plain file, and a build arg shows in the image's history: no password in an index URL.
  .refine((url) => !/^[a-z]+:\/\/[^/@]*@/i.test(url), 'An index address without a user name or password in it');

export const PackageIndex = z.object({
  indexUrl: httpUrl,
  extraIndexUrls: z.array(httpUrl),
  /** pip's --trusted-host: a host or host:port, no scheme. */
  trustedHosts: z.array(z.string().regex(/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:]+\](:\d{1,5})?$/, 'A host name, optionally with :port')),
});
export type PackageIndex = z.infer<typeof PackageIndex>;

export const DEFAULT_PACKAGE_INDEX: PackageIndex = { indexUrl: 'https://pypi.org/simple', extraIndexUrls: [], trustedHosts: [] };

export const Settings = z.object({
  /** Registry host as typed ('docker.io', 'quay.io', 'registry.example.com:5000'). */
  defaultRegistry: z.string().max(255),
  /** User or organisation under the registry; empty until the user says. */
  defaultNamespace: z.string().max(255),
  elyraVersion: ElyraVersion,
  /** null: the newest Python the chosen Elyra supports that is not end-of-life (changes with the date). */
  pythonVersion: PythonVersion.nullable(),
  /** The cluster's platform, not this computer's: Kubeflow and Airflow nodes are mostly amd64. */
  platform: Platform,
  packageIndex: PackageIndex,
  buildNetwork: BuildNetwork,
  notifications: z.boolean(),
  firstRunDone: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_SETTINGS: Settings = {
  defaultRegistry: 'docker.io',
  defaultNamespace: '',
  elyraVersion: '4.1',
  pythonVersion: null,
  platform: 'linux/amd64',
  packageIndex: DEFAULT_PACKAGE_INDEX,
  buildNetwork: 'default',
  notifications: true,
  firstRunDone: false,
};

/** A change from the preferences screen: any subset, and any subset of the package index. */
export const SettingsPatch = Settings.extend({ packageIndex: PackageIndex.partial() }).partial().strict();
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const SettingsLoadResult = z.object({
  settings: Settings,
  /** Field names that were damaged and set back to their defaults; empty when all was well. */
  reset: z.array(z.string()),
  /** For the user, e.g. "Your settings file was damaged; these were reset: platform"; null when all was well. */
  message: z.string().nullable(),
});
export type SettingsLoadResult = z.infer<typeof SettingsLoadResult>;
