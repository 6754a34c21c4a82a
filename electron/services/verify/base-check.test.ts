import { baseRefusal, parseBaseFacts } from './base-check';

const today = new Date('2026-12-07T12:00:00Z');

describe('the look inside a custom base before the build', () => {
  it('reads what the probe prints, and nothing from an image that printed nothing', () => {
    expect(parseBaseFacts('rib:python=3.12\nrib:pip=yes\n')).toEqual({ python: '3.12', pip: true });
    expect(parseBaseFacts('rib:python=none\n')).toEqual({ python: null, pip: false });
    expect(parseBaseFacts('rib:python=3.11\nrib:pip=no\n')).toEqual({ python: '3.11', pip: false });
    expect(parseBaseFacts('sh: 1: python3: not found\n')).toBeNull();
  });

  it('a base without python3 is refused with what to pick instead', () => {
    expect(baseRefusal('nvidia/cuda:12.4.1-runtime-ubuntu22.04', { python: null, pip: false }, '4.1', today)).toBe(
      'nvidia/cuda:12.4.1-runtime-ubuntu22.04 has no python3. Elyra runs every pipeline node with python3, and your packages are installed with its pip: pick a base with Python, such as python:3.13-slim.',
    );
  });

  it("a Python outside the release's range is refused, as Elyra's bootstrapper would stop on it", () => {
    expect(baseRefusal('team/py39', { python: '3.9', pip: true }, '4.1', today)).toBe(
      'team/py39 has Python 3.9; Elyra 4.1 runs Python 3.10 to 3.13, and its bootstrapper stops on any other.',
    );
    expect(baseRefusal('team/py312', { python: '3.12', pip: true }, '3.15', today)).toBe(
      'team/py312 has Python 3.12; Elyra 3.15 runs Python 3.8 to 3.11, and its bootstrapper stops on any other.',
    );
    expect(baseRefusal('team/py27', { python: '2.7', pip: true }, '4.1', today)).toMatch(/has Python 2\.7; Elyra 4\.1 runs Python 3\.10 to 3\.13/);
  });

  it('an end-of-life Python inside the range is refused with the month it ended', () => {
    expect(baseRefusal('team/py310', { python: '3.10', pip: true }, '4.1', today)).toBe(
      'team/py310 has Python 3.10, which stopped getting security fixes in 2026-10: pick a base with a newer Python.',
    );
    expect(baseRefusal('team/py310', { python: '3.10', pip: true }, '4.1', new Date('2026-09-01'))).toBeNull();
  });

  it('a Python without pip is refused with how to add it; a good base passes', () => {
    expect(baseRefusal('team/nopip', { python: '3.12', pip: false }, '4.1', today)).toContain('has Python 3.12 but no pip');
    expect(baseRefusal('python:3.12-slim', { python: '3.12', pip: true }, '4.1', today)).toBeNull();
  });
});
