import { satisfies, valid } from '@renovatebot/pep440';
import { ElyraReleaseSchema, ElyraVersionSchema } from '../../contract/domain/elyra';
import { parseRequirements } from '../requirements/parse-requirements';
import { ELYRA_RELEASES, ELYRA_VERSIONS, elyraRequirementsText } from './elyra-releases';
import { findElyraConflicts } from './find-elyra-conflicts';
import { offeredPythonVersions } from './offered-python-versions';
import { isPythonEndOfLife, PYTHON_EOL } from './python-eol';

const PIN_NAMES = [
  'ipykernel', 'ipython', 'ipython-genutils', 'jinja2', 'jupyter-client', 'jupyter-core', 'MarkupSafe', 'minio', 'nbclient',
  'nbconvert', 'nbformat', 'papermill', 'pyzmq', 'prompt-toolkit', 'requests', 'tornado', 'traitlets', 'urllib3',
];

function pinOf(version: keyof typeof ELYRA_RELEASES, name: string): string | undefined {
  return ELYRA_RELEASES[version].pins.find((pin) => pin.name === name)?.version;
}

describe('Elyra releases', () => {
  it('covers every version the UI offers, newest first, and matches the contract', () => {
    expect(ELYRA_VERSIONS).toEqual(ElyraVersionSchema.options);
    for (const version of ELYRA_VERSIONS) expect(ElyraReleaseSchema.parse(ELYRA_RELEASES[version])).toEqual(ELYRA_RELEASES[version]);
  });

  it('pins the same 18 packages at every release, each to a valid version', () => {
    for (const version of ELYRA_VERSIONS) {
      expect(ELYRA_RELEASES[version].pins.map((pin) => pin.name)).toEqual(PIN_NAMES);
      for (const pin of ELYRA_RELEASES[version].pins) expect(valid(pin.version)).not.toBeNull();
    }
  });

  it('holds the pins DESIGN §3 records', () => {
    expect(ELYRA_RELEASES.main.pins.map((pin) => `${pin.name}==${pin.version}`).join(' ')).toBe(
      'ipykernel==6.31.0 ipython==8.12.3 ipython-genutils==0.2.0 jinja2==3.1.6 jupyter-client==8.9.1 jupyter-core==5.8.1 MarkupSafe==2.1.1 minio==7.1.15 nbclient==0.6.3 nbconvert==7.17.1 nbformat==5.10.4 papermill==2.6.0 pyzmq==26.4.0 prompt-toolkit==3.0.43 requests==2.33.0 tornado==6.5.7 traitlets==5.10.0 urllib3==2.7.0',
    );
    expect(['ipykernel', 'jupyter-client', 'nbconvert', 'papermill', 'tornado', 'urllib3'].map((name) => pinOf('3.15', name))).toEqual([
      '6.13.0', '7.3.1', '6.5.1', '2.3.4', '6.1', '1.26.9',
    ]);
    expect(['ipykernel', 'jupyter-client', 'nbconvert', 'urllib3'].map((name) => pinOf('4.0', name))).toEqual(['6.25.2', '7.4.9', '7.1.0', '1.26.19']);
    expect(pinOf('4.1', 'papermill')).toBe('2.6.0');
  });

  it('supports the Python ranges DESIGN §3 records', () => {
    expect(ELYRA_RELEASES.main.python).toEqual({ min: '3.10', max: '3.13' });
    expect(ELYRA_RELEASES['4.0'].python).toEqual({ min: '3.9', max: '3.13' });
    expect(ELYRA_RELEASES['3.15'].python).toEqual({ min: '3.8', max: '3.11' });
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
      '3.8 2024-10', '3.9 2025-10', '3.10 2026-10', '3.11 2027-10', '3.12 2028-10', '3.13 2029-10', '3.14 2030-10',
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
