import { NO_INSTALL_OPTIONS, type Recipe } from '../../contract/domain/recipe';
import { DEFAULT_ELYRA_VERSION, offeredPythonVersions } from '../elyra-data';

/** What a new user starts from: the latest Elyra release, newest maintained Python it supports, slim base, pins pre-installed. */
export function defaultRecipe(today: Date): Recipe {
  const elyraVersion = DEFAULT_ELYRA_VERSION;
  return {
    packages: [],
    constraints: [],
    elyraVersion,
    pythonVersion: offeredPythonVersions(elyraVersion, today)[0] ?? '3.12',
    base: { kind: 'slim' },
    preinstallElyraPins: true,
    elyraInstallPackages: true,
    installOptions: NO_INSTALL_OPTIONS,
    platform: 'linux/amd64',
    imageName: '',
    index: { indexUrl: null, extraIndexUrls: [], trustedHosts: [] },
    pre: false,
    allowSystemPip: false,
  };
}
