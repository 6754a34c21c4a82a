import { parseProbeOutput } from './image-probe';

// Output of the probe in the test's PEP 668 base (local/python-managed:3.11), recorded from the real engine.
const MANAGED_STDOUT =
  'rib:begin\nrib:sh=/usr/bin/sh\nrib:curl=/usr/bin/curl\nrib:python3=/usr/bin/python3\nrib:workdir=/\nrib:user=0\nrib:workdir-writable=yes\nrib:python={"version": "3.11.2", "executable": "/usr/bin/python3", "inVenv": false, "markerPath": "/usr/lib/python3.11/EXTERNALLY-MANAGED", "externallyManaged": true, "breakSystemPackages": "", "pip": {"exit": 0, "lines": ["pip 23.0.1 from /usr/lib/python3/dist-packages/pip (python 3.11)"]}, "pipInstallBlocked": true, "pipInstallLines": ["    create a virtual environment using python3 -m venv path/to/venv.", "    Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make", "    sure you have python3-full installed.", "    ", "    If you wish to install a non-Debian packaged Python application,", "    it may be easiest to use pipx install xyz, which will manage a", "    virtual environment for you. Make sure you have pipx installed.", "    ", "    See /usr/share/doc/python3.11/README.venv for more information.", "", "note: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.", "hint: See PEP 668 for the detailed specification."], "pipCheck": {"exit": 0, "lines": ["No broken requirements found."]}, "metadata": true, "pins": {"papermill": null, "pip": "23.0.1"}, "distributionCount": 3, "distributions": [{"name": "setuptools", "version": "66.1.1", "sizeBytes": 7547526}, {"name": "pip", "version": "23.0.1", "sizeBytes": 6177561}, {"name": "wheel", "version": "0.38.4", "sizeBytes": 225889}]}\nrib:python-exit=0\nrib:end\n';

describe('parseProbeOutput', () => {
  it('reads the shell lines and the Python JSON of a real run', () => {
    const probe = parseProbeOutput({ stdout: MANAGED_STDOUT, stderr: '', startError: null });
    expect(probe).toMatchObject({
      ran: true,
      sh: '/usr/bin/sh',
      curl: '/usr/bin/curl',
      python3: '/usr/bin/python3',
      workdir: '/',
      workdirWritable: true,
      user: '0',
      pythonError: null,
    });
    expect(probe.python).toMatchObject({ version: '3.11.2', externallyManaged: true, pipInstallBlocked: true, pins: { papermill: null, pip: '23.0.1' } });
    expect(probe.python?.distributions.map((d) => d.name)).toEqual(['setuptools', 'pip', 'wheel']);
  });

  it('reports an empty value as missing (no curl) and a container that never ran', () => {
    const noCurl = parseProbeOutput({ stdout: 'rib:begin\nrib:curl=\nrib:python3=\nrib:workdir-writable=no\nrib:end\n', stderr: '', startError: null });
    expect(noCurl).toMatchObject({ ran: true, curl: null, python3: null, workdirWritable: false, python: null, pythonError: null });
    const never = parseProbeOutput({ stdout: '', stderr: '', startError: 'exec: "sh": executable file not found in $PATH' });
    expect(never).toMatchObject({ ran: false, workdirWritable: null, startError: 'exec: "sh": executable file not found in $PATH' });
  });

  it("says why python3 gave nothing, and does not trust output that is not the probe's", () => {
    const crashed = parseProbeOutput({
      stdout: 'rib:begin\nrib:python3=/usr/bin/python3\nrib:python-exit=1\nrib:end\n',
      stderr: 'Traceback (most recent call last):\nSyntaxError: invalid syntax\n',
      startError: null,
    });
    expect(crashed.pythonError).toBe('Traceback (most recent call last):\nSyntaxError: invalid syntax');
    const forged = parseProbeOutput({ stdout: 'rib:begin\nrib:python3=/usr/bin/python3\nrib:python={"version": 3}\n', stderr: '', startError: null });
    expect(forged.python).toBeNull();
    expect(forged.pythonError).toMatch(/^unexpected probe output/);
  });
});
