import { satisfies, valid } from '@renovatebot/pep440';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ElyraRelease, ElyraVersion } from '../../contract/domain/elyra';
import { parseRequirements } from '../requirements/parse-requirements';
import { DEFAULT_ELYRA_VERSION, ELYRA_RELEASES, ELYRA_VERSIONS, elyraReleaseNote, elyraRequirementsText } from './elyra-releases';
import { findElyraConflicts } from './find-elyra-conflicts';
import { offeredPythonVersions } from './offered-python-versions';
import { isPythonEndOfLife, PYTHON_EOL } from './python-eol';

const FIXTURES = join(__dirname, '../../../test/fixtures/elyra');

/** The tagged file's text, read the way Elyra's bootstrapper reads it: `name==version` lines, `#` lines skipped. */
function taggedPins(file: string): string[] {
  return readFileSync(join(FIXTURES, file), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#') && line.includes('=='));
}

function appPins(version: ElyraVersion): string[] {
  return ELYRA_RELEASES[version].pins.map((pin) => `${pin.name}==${pin.version}`);
}

function pinOf(version: ElyraVersion, name: string): string | undefined {
  return ELYRA_RELEASES[version].pins.find((pin) => pin.name === name)?.version;
}

const FIXTURE_OF_REF: Record<string, string> = {
  'v3.15.0': 'requirements-elyra-v3.15.0.txt',
  'v4.0.0': 'requirements-elyra-v4.0.0.txt',
  'v4.1.0': 'requirements-elyra-v4.1.0.txt',
  'v4.1.1': 'requirements-elyra-v4.1.1.txt',
  main: 'requirements-elyra-main-1149d77.txt',
};

describe('Elyra releases', () => {
  it('covers every version the UI offers, in menu order, and matches the contract', () => {
    expect(ELYRA_VERSIONS).toEqual(ElyraVersion.options);
    for (const version of ELYRA_VERSIONS) expect(ElyraRelease.parse(ELYRA_RELEASES[version])).toEqual(ELYRA_RELEASES[version]);
  });

  it('pins exactly what each tagged requirements-elyra.txt pins, in its order', () => {
    const compared: string[] = [];
    for (const version of ELYRA_VERSIONS) {
      for (const source of ELYRA_RELEASES[version].sources) {
        const file = FIXTURE_OF_REF[source.ref];
        expect(file, `a recorded text for ${source.ref}`).toBeDefined();
        expect(appPins(version)).toEqual(taggedPins(file ?? ''));
        compared.push(source.ref);
      }
    }
    expect(compared.sort()).toEqual(Object.keys(FIXTURE_OF_REF).sort());
  });

  it('names the release and the date each one comes from', () => {
    expect(ELYRA_VERSIONS.map((version) => elyraReleaseNote(version))).toEqual([
      'Elyra 4.1.1 (tag v4.1.1, 2026-05-18)',
      'Elyra 4.0.0 (tag v4.0.0, 2025-08-15)',
      'Elyra 3.15.0 (tag v3.15.0, 2023-03-28)',
      'Elyra main (development branch at 1149d77, 2026-08-19)',
    ]);
    expect(DEFAULT_ELYRA_VERSION).toBe('4.1');
  });

  it('has the pins the issue found wrong before, as tagged', () => {
    expect(['jinja2', 'pyzmq', 'requests', 'tornado'].map((name) => pinOf('4.0', name))).toEqual(['3.1.6', '26.4.0', '2.32.4', '6.5.1']);
    expect(['pyzmq', 'prompt-toolkit'].map((name) => pinOf('3.15', name))).toEqual(['24.0.1', '3.0.30']);
    expect(pinOf('4.1', 'urllib3')).toBe('2.6.3');
    for (const version of ELYRA_VERSIONS) for (const pin of ELYRA_RELEASES[version].pins) expect(valid(pin.version)).not.toBeNull();
  });

  it('accepts the Python minors each bootstrapper accepts', () => {
    expect(ELYRA_RELEASES.main.python).toEqual({ min: '3.10', max: '3.13' });
    expect(ELYRA_RELEASES['4.1'].python).toEqual({ min: '3.10', max: '3.13' });
    expect(ELYRA_RELEASES['4.0'].python).toEqual({ min: '3.9', max: '3.13' });
    expect(ELYRA_RELEASES['3.15'].python).toEqual({ min: '3.8', max: '3.11' });
  });

  it('knows which releases skip installs on ELYRA_INSTALL_PACKAGES=false', () => {
    expect(ELYRA_VERSIONS.filter((version) => ELYRA_RELEASES[version].installPackagesSwitch)).toEqual(['4.1', 'main']);
  });

  it('writes the pins as a requirements file our parser reads back', () => {
    const parsed = parseRequirements(elyraRequirementsText('4.1'), { file: 'requirements-elyra.txt' });
    expect(parsed.findings).toEqual([]);
    expect(parsed.requirements).toHaveLength(18);
  });
});

describe('Python end of life', () => {
  it('holds the EOL table', () => {
    expect(PYTHON_EOL.map((entry) => `${entry.version} ${entry.endOfLife}`)).toEqual([
      '3.8 2024-10',
      '3.9 2025-10',
      '3.10 2026-10',
      '3.11 2027-10',
      '3.12 2028-10',
      '3.13 2029-10',
      '3.14 2030-10',
    ]);
  });

  it('counts a version as supported until its end-of-life month is over', () => {
    expect(isPythonEndOfLife('3.10', new Date(2026, 9, 31))).toBe(false);
    expect(isPythonEndOfLife('3.10', new Date(2026, 10, 1))).toBe(true);
  });
});

describe('offeredPythonVersions', () => {
  it('offers what the Elyra version supports and is not end-of-life, newest first', () => {
    const today = new Date(2026, 10, 25);
    expect(offeredPythonVersions('main', today)).toEqual(['3.13', '3.12', '3.11']);
    expect(offeredPythonVersions('4.1', today)).toEqual(['3.13', '3.12', '3.11']);
    expect(offeredPythonVersions('3.15', today)).toEqual(['3.11']);
    expect(offeredPythonVersions('main', new Date(2025, 0, 15))).toEqual(['3.13', '3.12', '3.11', '3.10']);
    expect(offeredPythonVersions('4.1', new Date(2025, 0, 15))).toEqual(['3.13', '3.12', '3.11', '3.10']);
    expect(offeredPythonVersions('4.0', new Date(2025, 0, 15))).toEqual(['3.13', '3.12', '3.11', '3.10', '3.9']);
    expect(offeredPythonVersions('3.15', new Date(2028, 0, 1))).toEqual([]);
  });
});

describe('findElyraConflicts', () => {
  const requirements = (text: string) => parseRequirements(text, { file: 'requirements.txt' }).requirements;

  it('explains a user range that leaves out Elyra’s pin, with its line', () => {
    const findings = findElyraConflicts(requirements('pandas\npapermill>=3\n'), '4.1');
    expect(findings).toEqual([
      {
        file: 'requirements.txt',
        line: 2,
        raw: 'papermill>=3',
        severity: 'warning',
        code: 'elyra-pin-conflict',
        message: 'papermill>=3 conflicts with papermill==2.6.0 that Elyra 4.1 installs at run time',
        hint: 'Elyra 4.1 keeps your newer papermill at run time, but it was tested with 2.6.0; pipelines may behave differently.',
      },
    ]);
  });

  it('says when Elyra will replace an older version', () => {
    const [finding] = findElyraConflicts(requirements('Tornado<6\n'), 'main');
    expect(finding).toMatchObject({
      message: 'Tornado<6 conflicts with tornado==6.5.7 that Elyra main installs at run time',
      hint: 'When a pipeline node starts, Elyra main installs tornado==6.5.7 over the older version your range allows.',
    });
  });

  it('says a newer version is downgraded at each node start when pip freeze spells the name differently', () => {
    const [finding] = findElyraConflicts(requirements('jupyter_client>=8\n'), '4.1');
    expect(finding?.hint).toBe(
      "Your newer jupyter-client is downgraded to 7.4.9 at each node start: pip freeze spells it jupyter_client, Elyra's list jupyter-client, and Elyra 4.1's bootstrapper compares the names exactly.",
    );
  });

  it('matches names after normalizing them', () => {
    expect(findElyraConflicts(requirements('markupsafe==3.0.2\njupyter_client<8\n'), 'main').map((finding) => finding.message)).toEqual([
      'markupsafe==3.0.2 conflicts with MarkupSafe==2.1.1 that Elyra main installs at run time',
      'jupyter_client<8 conflicts with jupyter-client==8.9.1 that Elyra main installs at run time',
    ]);
  });

  it('is silent when the pin satisfies the range, for unpinned names, URLs and packages Elyra does not pin', () => {
    const text = 'papermill>=2,<3\nnbformat\nrequests @ https://x.org/requests-2.0-py3-none-any.whl\npandas<1\n';
    expect(findElyraConflicts(requirements(text), '4.1')).toEqual([]);
  });

  it('depends on the Elyra version', () => {
    const text = 'urllib3>=2\n';
    expect(findElyraConflicts(requirements(text), 'main')).toEqual([]);
    expect(findElyraConflicts(requirements(text), '4.0').map((finding) => finding.message)).toEqual([
      'urllib3>=2 conflicts with urllib3==1.26.19 that Elyra 4.0 installs at run time',
    ]);
    for (const version of ELYRA_VERSIONS) {
      const pin = pinOf(version, 'urllib3') ?? '';
      expect(findElyraConflicts(requirements(text), version).length === 0).toBe(satisfies(pin, '>=2'));
    }
  });
});
