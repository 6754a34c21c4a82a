import type { ImageProbe, PythonProbe } from './image-probe';
import { buildChecklist, type ChecklistInput, worstStatus } from './verify-checklist';
import { elyraRelease } from '../elyra-data';

const allPins = Object.fromEntries(elyraRelease('main').pins.map((p) => [p.name, p.version]));
const freezeOf = (pins: Record<string, string>) => ({ exit: 0, lines: Object.entries(pins).map(([name, version]) => `${name}==${version}`) });

function python(overrides: Partial<PythonProbe> = {}): PythonProbe {
  return {
    version: '3.11.2',
    executable: '/usr/bin/python3',
    inVenv: false,
    markerPath: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
    externallyManaged: false,
    breakSystemPackages: '',
    pip: { exit: 0, lines: ['pip 23.0.1 from /usr/lib/python3/dist-packages/pip (python 3.11)'] },
    pipInstallBlocked: false,
    pipInstallLines: [],
    pipCheck: { exit: 0, lines: ['No broken requirements found.'] },
    metadata: true,
    pins: allPins,
    freeze: freezeOf(allPins),
    kernel: { specs: { python3: '/usr/local/share/jupyter/kernels/python3' }, error: null, ipykernel: '6.31.0' },
    distributionCount: 0,
    installed: [],
    distributions: [],
    ...overrides,
  };
}

function probe(overrides: Partial<ImageProbe> = {}, py: Partial<PythonProbe> = {}): ImageProbe {
  return {
    ran: true,
    startError: null,
    sh: '/bin/sh',
    curl: '/usr/bin/curl',
    tar: '/usr/bin/tar',
    arbitraryUser: { ran: true, startError: null, user: '1000720000:0', workdir: '/', workdirWritable: true, tmpWritable: true },
    python3: '/usr/bin/python3',
    workdir: '/',
    workdirWritable: true,
    user: '0',
    python: python(py),
    pythonError: null,
    ...overrides,
  };
}

function check(p: ImageProbe, overrides: Partial<ChecklistInput> = {}) {
  const { items } = buildChecklist({
    probe: p,
    config: { cmd: ['python3'], entrypoint: null, env: [] },
    elyraVersion: 'main',
    today: new Date('2026-11-25T12:00:00Z'),
    pinInstallChecked: false,
    ...overrides,
  });
  return Object.fromEntries(items.map((i) => [i.id, i]));
}

describe('the verify checklist', () => {
  it('passes a good image on every item', () => {
    const items = check(probe());
    expect(Object.values(items).map((i) => i.status)).toEqual(Array(12).fill('pass'));
    expect(items['python3']?.detail).toBe(
      'Python 3.11.2 at /usr/bin/python3. Elyra main runs Python 3.10 to 3.13; this one gets security fixes until 2027-10.',
    );
  });

  it("fails a Python outside Elyra's range, and an end-of-life one", () => {
    expect(check(probe({}, { version: '3.9.18' }))['python3']).toMatchObject({
      status: 'fail',
      detail: 'Python 3.9.18 at /usr/bin/python3. Elyra main runs Python 3.10 to 3.13.',
    });
    expect(check(probe({}, { version: '3.10.14' }), { today: new Date('2026-12-15T12:00:00Z') })['python3']?.detail).toMatch(
      /stopped getting security fixes in 2026-10/,
    );
    expect(check(probe({}, { version: '3.14.0' }))['python3']?.status).toBe('fail');
  });

  it('fails a missing python3, curl, pip or writable working dir', () => {
    expect(check(probe({ python3: null, python: null }))['python3']?.status).toBe('fail');
    expect(check(probe({ curl: null }))['curl']).toMatchObject({ status: 'fail' });
    const noPip = check(probe({}, { pip: { exit: 1, lines: ['/usr/bin/python3: No module named pip'] }, pipCheck: undefined, pipInstallBlocked: undefined }));
    expect(noPip['pip']?.detail).toMatch(/No module named pip/);
    expect(noPip['pip-can-install']?.status).toBe('fail');
    expect(noPip['pip-check']?.status).toBe('warn');
    expect(check(probe({ workdirWritable: false, workdir: '/opt/app', user: '1000' }))['workdir']?.detail).toMatch(
      /^\/opt\/app \(as user 1000\) is not writable/,
    );
  });

  it('fails PEP 668 with the fix, and passes it when PIP_BREAK_SYSTEM_PACKAGES is set', () => {
    const blocked = check(probe({}, { externallyManaged: true, pipInstallBlocked: true }))['pip-can-install'];
    expect(blocked?.status).toBe('fail');
    expect(blocked?.fix).toMatch(/Allow pip to install into the system Python.*PIP_BREAK_SYSTEM_PACKAGES=1/);
    const allowed = check(probe({}, { externallyManaged: true, pipInstallBlocked: false, breakSystemPackages: '1' }))['pip-can-install'];
    expect(allowed).toMatchObject({ status: 'pass' });
    expect(allowed?.detail).toContain('PIP_BREAK_SYSTEM_PACKAGES=1');
  });

  it('warns about pins installed, upgraded or downgraded at run time, fails them when pip cannot', () => {
    const { papermill: _papermill, ...rest } = allPins;
    const freeze = freezeOf({ ...rest, tornado: '6.1' });
    const warn = check(probe({}, { freeze }))['elyra-pins'];
    expect(warn?.status).toBe('warn');
    expect(warn?.detail).toBe(
      'At run time, in every pipeline node: upgraded at each node start: tornado 6.1 to 6.5.7; installed at each node start (missing): papermill 2.6.0.',
    );
    expect(check(probe({}, { freeze, pipInstallBlocked: true }))['elyra-pins']?.status).toBe('fail');
    expect(
      check(probe({}, { freeze, pinDryRun: { exit: 1, lines: ['ERROR: No matching distribution found for papermill==2.6.0'] } }), { pinInstallChecked: true })[
        'elyra-pins'
      ]?.detail,
    ).toMatch(/pip could not: ERROR: No matching distribution/);
    const { 'jupyter-client': _client, ...others } = allPins;
    const downgraded = check(probe({}, { freeze: freezeOf({ ...others, jupyter_client: '99.0.0' }) }))['elyra-pins'];
    expect(downgraded?.status).toBe('warn');
    expect(downgraded?.detail).toMatch(
      /^At run time, in every pipeline node: DOWNGRADED at each node start: jupyter_client 99.0.0 to 8.9.1 \(pip freeze spells it differently/,
    );
    expect(downgraded?.fix).toMatch(/Pre-install Elyra's packages/);
  });

  it('passes a newer pin spelled as Elyra spells it, and says it is kept', () => {
    const item = check(probe({}, { freeze: freezeOf({ ...allPins, tornado: '6.10.0' }) }))['elyra-pins'];
    expect(item?.status).toBe('pass');
    expect(item?.detail).toMatch(/nodes start without installing or replacing anything\. Newer versions kept: tornado 6\.10\.0 \(pin 6\.5\.7\)\.$/);
    expect(check(probe({}, { freeze: undefined }))['elyra-pins']).toMatchObject({
      status: 'warn',
      detail: 'Not checked: pip does not work. Elyra reads pip freeze at each node start to decide what to install.',
    });
  });

  it('offers ELYRA_INSTALL_PACKAGES=false for Elyra 4.1 when every pin is exact, and reads it when set', () => {
    const exact41 = freezeOf(Object.fromEntries(elyraRelease('4.1').pins.map((p) => [p.name, p.version])));
    const offered = check(probe({}, { freeze: exact41 }), { elyraVersion: '4.1' })['elyra-pins'];
    expect(offered?.status).toBe('pass');
    expect(offered?.detail).toContain(
      'set ELYRA_INSTALL_PACKAGES=false in the image (ENV ELYRA_INSTALL_PACKAGES=false) for nodes that start faster and work on air-gapped clusters',
    );
    const exact40 = freezeOf(Object.fromEntries(elyraRelease('4.0').pins.map((p) => [p.name, p.version])));
    expect(check(probe({}, { freeze: exact40 }), { elyraVersion: '4.0' })['elyra-pins']?.detail).not.toContain('ELYRA_INSTALL_PACKAGES');
    const config = { cmd: null, entrypoint: null, env: ['ELYRA_INSTALL_PACKAGES=False'] };
    expect(check(probe({}, { freeze: exact41 }), { elyraVersion: '4.1', config })['elyra-pins']?.detail).toMatch(
      /^ELYRA_INSTALL_PACKAGES=False is set in the image, and every pin is there/,
    );
    const notExact = check(probe({}, { freeze: freezeOf({ tornado: '6.1' }) }), { elyraVersion: '4.1', config })['elyra-pins'];
    expect(notExact).toMatchObject({ status: 'warn' });
    expect(notExact?.detail).toMatch(/nodes install nothing and run with the image's versions/);
  });

  it('warns when pip check finds broken requirements', () => {
    const item = check(probe({}, { pipCheck: { exit: 1, lines: ['ribdemo-beta 1.0.0 has requirement ribdemo-alpha<2, but you have ribdemo-alpha 2.0.0.'] } }))[
      'pip-check'
    ];
    expect(item).toMatchObject({
      status: 'warn',
      detail: 'pip check found a problem: ribdemo-beta 1.0.0 has requirement ribdemo-alpha<2, but you have ribdemo-alpha 2.0.0.',
    });
  });

  it('fails a missing tar, and a missing ipykernel unless Elyra installs it at node start', () => {
    expect(check(probe({ tar: null }))['tar']).toMatchObject({
      status: 'fail',
      detail: "There is no tar on PATH. Elyra's bootstrapper unpacks each node's files with tar -zxvf, so every node would fail.",
    });
    const kernel = { specs: {}, error: "ModuleNotFoundError: No module named 'jupyter_client'", ipykernel: null };
    expect(check(probe({}, { kernel }))['kernel']).toMatchObject({
      status: 'fail',
      detail: "ipykernel is not installed, so papermill could not start the notebook's python3 kernel.",
    });
    const { ipykernel: _k, ...rest } = allPins;
    expect(check(probe({}, { kernel, freeze: freezeOf(rest) }))['kernel']?.status).toBe('warn');
  });

  it('warns when an arbitrary uid with group 0 cannot write the working dir or /tmp', () => {
    const item = check(
      probe({ arbitraryUser: { ran: true, startError: null, user: '1000720000:0', workdir: '/home/app', workdirWritable: false, tmpWritable: true } }),
    )['arbitrary-user'];
    expect(item).toMatchObject({ status: 'warn' });
    expect(item?.detail).toMatch(/^As user 1000720000:0 \(a random uid with group 0.*\), \/home\/app is not writable/);
  });

  it('notes CMD as replaced and warns about an ENTRYPOINT that will not run', () => {
    expect(check(probe(), { config: { cmd: null, entrypoint: null, env: [] } })['entrypoint']?.detail).toMatch(/no CMD or ENTRYPOINT/);
    expect(check(probe(), { config: { cmd: ['bash'], entrypoint: ['/entrypoint.sh'], env: [] } })['entrypoint']?.status).toBe('warn');
  });

  it('fails sh when the container never ran, and the rest says not checked', () => {
    const items = check(
      probe({
        ran: false,
        startError: 'exec: "sh": executable file not found in $PATH',
        sh: null,
        curl: null,
        python3: null,
        workdirWritable: null,
        python: null,
      }),
    );
    expect(items['sh']?.detail).toMatch(/executable file not found/);
    expect(items['curl']?.detail).toBe('Not checked: the container did not start.');
    expect(worstStatus(Object.values(items))).toBe('fail');
  });
});
