import { elyraRelease } from '../elyra-data';
import { bootstrapperPinStates, pinsSatisfiedExactly, readFreeze } from './bootstrapper-pins';

// `python3 -m pip freeze` in python:3.11-slim with five METADATA files added (the engine's real
// output): Jinja2, jupyter_client, prompt_toolkit spelled as their projects spell them.
const RECORDED_FREEZE = 'Jinja2==3.1.6\njupyter_client==99.0.0\npapermill==2.0.0\nprompt_toolkit==3.0.30\ntornado==6.9.0\n'.split('\n');

const pins41 = elyraRelease('4.1').pins;

function byName(freeze: readonly string[], pins = pins41) {
  return Object.fromEntries(bootstrapperPinStates(freeze, pins).map((p) => [p.name, p]));
}

describe("the pins as Elyra's bootstrapper compares them with pip freeze", () => {
  it('reads freeze lines the way the bootstrapper does: raw names, editable and URL lines', () => {
    const read = readFreeze([
      '# Editable install with no version control (foo==1.0)',
      '-e /src/foo',
      '-e git+https://example.org/bar.git@abc123#egg=bar',
      'baz @ file:///wheels/baz-1.0-py3-none-any.whl',
      'odd===1.0-custom',
      'Jinja2==3.1.6',
      '',
    ]);
    expect([...read.entries()]).toEqual([
      ['foo', null],
      ['bar', null],
      ['baz', 'file:///wheels/baz-1.0-py3-none-any.whl'],
      ['odd', '1.0-custom'],
      ['Jinja2', '3.1.6'],
    ]);
  });

  it('reports a newer jupyter_client as downgraded at each node start, and says why', () => {
    const states = byName(RECORDED_FREEZE);
    expect(states['jupyter-client']).toMatchObject({ state: 'downgraded', installed: '99.0.0', freezeName: 'jupyter_client', pin: '7.4.9' });
    expect(states['jupyter-client']?.reason).toBe(
      "jupyter_client 99.0.0 is DOWNGRADED to 7.4.9 at each node start: pip freeze spells it jupyter_client, Elyra's list jupyter-client, and the bootstrapper compares names exactly, so it counts as missing and pip install jupyter-client==7.4.9 replaces it.",
    );
    expect(states['jinja2']).toMatchObject({ state: 'respelled', freezeName: 'Jinja2' });
    expect(states['jinja2']?.reason).toMatch(/finds it there \(no download\)/);
    expect(states['prompt-toolkit']).toMatchObject({ state: 'older', freezeName: 'prompt_toolkit', installed: '3.0.30' });
    expect(states['tornado']).toMatchObject({ state: 'newer-kept', installed: '6.9.0' });
    expect(states['papermill']?.reason).toBe('papermill 2.0.0 is older than the pin: upgraded to 2.6.0 at each node start.');
    expect(states['ipykernel']).toMatchObject({ state: 'missing', installed: null, freezeName: null });
  });

  it('compares versions as PEP 440 does, and keeps editable and non-release installs unchecked', () => {
    const pins = [
      { name: 'tornado', version: '6.5' },
      { name: 'foo', version: '1.0' },
      { name: 'baz', version: '1.0' },
    ];
    const states = byName(['tornado==6.5.0', '-e /src/foo', 'baz @ file:///wheels/baz-1.0-py3-none-any.whl'], pins);
    expect(states['tornado']?.state).toBe('ok');
    expect(states['foo']?.state).toBe('unchecked');
    expect(states['baz']?.state).toBe('unchecked');
  });

  it('counts only exact versions as satisfied, whatever the spelling', () => {
    const exact = pins41.map((p) => `${p.name === 'jinja2' ? 'Jinja2' : p.name}==${p.version}`);
    expect(pinsSatisfiedExactly(bootstrapperPinStates(exact, pins41))).toBe(true);
    expect(
      pinsSatisfiedExactly(
        bootstrapperPinStates(
          exact.map((l) => l.replace('tornado==6.5.5', 'tornado==6.5.7')),
          pins41,
        ),
      ),
    ).toBe(false);
    expect(pinsSatisfiedExactly([])).toBe(false);
  });
});
