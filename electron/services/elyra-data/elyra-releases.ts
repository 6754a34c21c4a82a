import type { ElyraPin, ElyraRelease, ElyraVersion } from '../../contract/domain/elyra';

// What each Elyra release installs in a pipeline node (etc/generic/requirements-elyra.txt of
// elyra-ai/elyra at the refs in `sources`) and which Python its bootstrapper accepts. Every release
// pins the same 18 names in the same order; only the versions move. The blocks keep the file's own
// `name==version` lines so they can be compared with the tagged text line by line (a test does).

function pins(requirementsElyraTxt: string): ElyraPin[] {
  return requirementsElyraTxt
    .trim()
    .split('\n')
    .map((line) => {
      const [name = '', version = ''] = line.trim().split('==');
      return { name, version };
    });
}

export const ELYRA_RELEASES: Readonly<Record<ElyraVersion, ElyraRelease>> = {
  main: {
    version: 'main',
    label: 'Elyra main',
    release: 'main',
    python: { min: '3.10', max: '3.13' },
    sources: [{ ref: 'main', commit: '1149d77', date: '2026-08-19' }],
    installPackagesSwitch: true,
    pins: pins(`
      ipykernel==6.31.0
      ipython==8.12.3
      ipython-genutils==0.2.0
      jinja2==3.1.6
      jupyter-client==8.9.1
      jupyter-core==5.8.1
      MarkupSafe==2.1.1
      minio==7.1.15
      nbclient==0.6.3
      nbconvert==7.17.1
      nbformat==5.10.4
      papermill==2.6.0
      pyzmq==26.4.0
      prompt-toolkit==3.0.43
      requests==2.33.0
      tornado==6.5.7
      traitlets==5.10.0
      urllib3==2.7.0
    `),
  },
  '4.1': {
    version: '4.1',
    label: 'Elyra 4.1',
    release: '4.1.1',
    python: { min: '3.10', max: '3.13' },
    // 4.1.1 changed no pin: both tags hold the same file.
    sources: [
      { ref: 'v4.1.0', commit: 'b7a3b01', date: '2026-04-29' },
      { ref: 'v4.1.1', commit: '8851412', date: '2026-05-18' },
    ],
    installPackagesSwitch: true,
    pins: pins(`
      ipykernel==6.25.2
      ipython==8.12.3
      ipython-genutils==0.2.0
      jinja2==3.1.6
      jupyter-client==7.4.9
      jupyter-core==5.8.1
      MarkupSafe==2.1.1
      minio==7.1.15
      nbclient==0.6.3
      nbconvert==7.17.1
      nbformat==5.10.4
      papermill==2.6.0
      pyzmq==26.4.0
      prompt-toolkit==3.0.43
      requests==2.33.0
      tornado==6.5.5
      traitlets==5.10.0
      urllib3==2.6.3
    `),
  },
  '4.0': {
    version: '4.0',
    label: 'Elyra 4.0',
    release: '4.0.0',
    python: { min: '3.9', max: '3.13' },
    sources: [{ ref: 'v4.0.0', commit: 'f02ebb4', date: '2025-08-15' }],
    installPackagesSwitch: false,
    pins: pins(`
      ipykernel==6.25.2
      ipython==8.12.3
      ipython-genutils==0.2.0
      jinja2==3.1.6
      jupyter-client==7.4.9
      jupyter-core==5.3.1
      MarkupSafe==2.1.1
      minio==7.1.15
      nbclient==0.6.3
      nbconvert==7.1.0
      nbformat==5.4.0
      papermill==2.6.0
      pyzmq==26.4.0
      prompt-toolkit==3.0.43
      requests==2.32.4
      tornado==6.5.1
      traitlets==5.10.0
      urllib3==1.26.19
    `),
  },
  '3.15': {
    version: '3.15',
    label: 'Elyra 3.15',
    release: '3.15.0',
    python: { min: '3.8', max: '3.11' },
    sources: [{ ref: 'v3.15.0', commit: '2a6e447', date: '2023-03-28' }],
    installPackagesSwitch: false,
    pins: pins(`
      ipykernel==6.13.0
      ipython==8.10.0
      ipython-genutils==0.2.0
      jinja2==3.0.3
      jupyter-client==7.3.1
      jupyter-core==4.11.2
      MarkupSafe==2.1.1
      minio==7.1.8
      nbclient==0.6.3
      nbconvert==6.5.1
      nbformat==5.4.0
      papermill==2.3.4
      pyzmq==24.0.1
      prompt-toolkit==3.0.30
      requests==2.27.1
      tornado==6.1
      traitlets==5.1.1
      urllib3==1.26.9
    `),
  },
};

/** The order menus show them in: the latest release first, then older ones, then the development branch. */
export const ELYRA_VERSIONS: readonly ElyraVersion[] = ['4.1', '4.0', '3.15', 'main'];

/** What a new user gets: the latest tagged release. */
export const DEFAULT_ELYRA_VERSION: ElyraVersion = '4.1';

export function elyraRelease(version: ElyraVersion): ElyraRelease {
  return ELYRA_RELEASES[version];
}

/** 'Elyra 4.1.1 (tag v4.1.1, 2026-05-18)', 'Elyra main (1149d77, 2026-08-19)': which release the facts are. */
export function elyraReleaseNote(version: ElyraVersion): string {
  const release = ELYRA_RELEASES[version];
  const latest = release.sources[release.sources.length - 1];
  if (latest === undefined) return release.label;
  if (release.version === 'main') return `Elyra main (development branch at ${latest.commit}, ${latest.date})`;
  return `Elyra ${release.release} (tag ${latest.ref}, ${latest.date})`;
}

/** The pins as requirements-elyra.txt text, for a recipe that pre-installs them. */
export function elyraRequirementsText(version: ElyraVersion): string {
  return `${ELYRA_RELEASES[version].pins.map((pin) => `${pin.name}==${pin.version}`).join('\n')}\n`;
}
