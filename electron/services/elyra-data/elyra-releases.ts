import type { ElyraPin, ElyraRelease, ElyraVersion } from '../../contract/domain/elyra';

// What each Elyra version installs in a pipeline node (etc/generic/requirements-elyra.txt) and which
// Python it supports. Every release pins the same 18 packages; only the versions move. The text
// blocks are in the file's own format so they can be compared with the source line by line.

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
    label: 'Elyra main (development)',
    python: { min: '3.10', max: '3.13' },
    // DESIGN §3, checked against elyra-ai/elyra main of 2026-08. (A later main commit seen in the
    // search index pins tornado==6.5.8; the design's 6.5.7 is kept until the design is updated.)
    source: 'elyra-ai/elyra main (2026-08), etc/generic/requirements-elyra.txt, as recorded in DESIGN §3',
    verified: true,
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
    // No v4.1 tag of the file was found. These pins are the latest 4.x-line snapshot found: a fork of
    // elyra-ai/elyra (MD-Mushfiqur123/elyra, commit acc0f8b5e4989899e5c9b1daf1fa2c3eb45e4f64) that still
    // pins jupyter-client 7.4.9 and ipykernel 6.25.2 like v4.0.0, with the other pins moved on towards
    // main. The Python range is assumed equal to 4.0's.
    source: 'MD-Mushfiqur123/elyra@acc0f8b (fork of elyra-ai/elyra), etc/generic/requirements-elyra.txt; not a tagged release',
    verified: false,
    python: { min: '3.9', max: '3.13' },
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
      urllib3==2.7.0
    `),
  },
  '4.0': {
    version: '4.0',
    label: 'Elyra 4.0',
    python: { min: '3.9', max: '3.13' },
    // elyra-ai/elyra at commit dc7a43e73712c8dde5acff9ca76d7bcea31526b0; it matches every v4.0.0 pin
    // DESIGN §3 lists (ipykernel 6.25.2, jupyter-client 7.4.9, nbconvert 7.1.0, urllib3 1.26.19), but
    // the commit was not confirmed to be the v4.0.0 tag.
    source: 'elyra-ai/elyra@dc7a43e, etc/generic/requirements-elyra.txt (agrees with the v4.0.0 pins in DESIGN §3)',
    verified: false,
    pins: pins(`
      ipykernel==6.25.2
      ipython==8.12.3
      ipython-genutils==0.2.0
      jinja2==3.1.4
      jupyter-client==7.4.9
      jupyter-core==5.3.1
      MarkupSafe==2.1.1
      minio==7.1.15
      nbclient==0.6.3
      nbconvert==7.1.0
      nbformat==5.4.0
      papermill==2.6.0
      pyzmq==24.0.1
      prompt-toolkit==3.0.43
      requests==2.32.3
      tornado==6.4.1
      traitlets==5.10.0
      urllib3==1.26.19
    `),
  },
  '3.15': {
    version: '3.15',
    label: 'Elyra 3.15',
    python: { min: '3.8', max: '3.11' },
    // Rebuilt: the 3.x file (as kept in the elyra-ai/elyra forks ydataai/elyra and nanaones/elyra) plus
    // the /etc/generic bumps Elyra's changelog lists up to 3.15.0: nbconvert 6.5.1 (#2901, 3.12),
    // jupyter-core 4.11.2 (#3008, 3.14.0), ipython 8.10.0 (#3108, 3.14.3). Agrees with the v3.15.0 pins
    // in DESIGN §3 (ipykernel 6.13.0, jupyter-client 7.3.1, nbconvert 6.5.1, papermill 2.3.4,
    // tornado 6.1, urllib3 1.26.9).
    source: 'elyra-ai/elyra 3.x etc/generic/requirements-elyra.txt with the changelog bumps up to v3.15.0',
    verified: false,
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
      pyzmq==22.3.0
      prompt-toolkit==3.0.29
      requests==2.27.1
      tornado==6.1
      traitlets==5.1.1
      urllib3==1.26.9
    `),
  },
};

/** Newest first, the order menus show them in. */
export const ELYRA_VERSIONS: readonly ElyraVersion[] = ['main', '4.1', '4.0', '3.15'];

export function elyraRelease(version: ElyraVersion): ElyraRelease {
  return ELYRA_RELEASES[version];
}

/** The pins as requirements-elyra.txt text, for a recipe that pre-installs them. */
export function elyraRequirementsText(version: ElyraVersion): string {
  return `${ELYRA_RELEASES[version].pins.map((pin) => `${pin.name}==${pin.version}`).join('\n')}\n`;
}
