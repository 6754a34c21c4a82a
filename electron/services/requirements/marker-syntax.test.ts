import { MARKER_VARIABLES, parseMarker } from './marker-syntax';

describe('parseMarker', () => {
  it('accepts every marker variable pip knows', () => {
    for (const variable of MARKER_VARIABLES) {
      expect(parseMarker(`${variable} == "x"`)).toMatchObject({ ok: true, text: `${variable} == "x"` });
    }
  });

  it.each(['==', '!=', '<=', '>=', '<', '>', '~=', '===', 'in', 'not in'])('accepts the operator %s', (op) => {
    expect(parseMarker(`python_version ${op} "3.10"`)).toMatchObject({ ok: true, text: `python_version ${op} "3.10"` });
  });

  it('binds and tighter than or, and keeps the parentheses the user wrote', () => {
    const result = parseMarker('os_name=="a" or os_name=="b" and (sys_platform=="c")');
    expect(result).toMatchObject({ ok: true, text: 'os_name == "a" or os_name == "b" and (sys_platform == "c")' });
    if (!result.ok) throw new Error('expected a marker');
    expect(result.node.kind).toBe('or');
  });

  it('accepts a quoted value on the left and single quotes', () => {
    expect(parseMarker("'3.9' <= python_version")).toMatchObject({ ok: true, text: '"3.9" <= python_version' });
  });

  it('tells that an extra marker was used', () => {
    expect(parseMarker('extra == "test"')).toMatchObject({ ok: true, usesExtra: true });
    expect(parseMarker('python_version > "3"')).toMatchObject({ ok: true, usesExtra: false });
  });

  it.each([
    ['', "Marker is empty after ';'"],
    ['python_version', "Marker ends after 'python_version': a comparison such as '>= \"3.9\"' must follow"],
    ['python_version >=', 'Marker ends where a value was expected'],
    ['python_version >= "3" or', "Marker ends after 'or': a condition must follow"],
    ['()', "Empty '()' in marker"],
    ['python_version ! "3"', "Unexpected '!' in marker"],
    ['python_version and "3"', "Expected a comparison operator after 'python_version' in marker, found 'and'"],
    ['and == "3"', "Expected a marker variable or a quoted value before 'and'"],
    ['python_version == os_nam', 'Marker values must be quoted: "os_nam" instead of os_nam'],
  ])('rejects %j: %s', (marker, message) => {
    expect(parseMarker(marker)).toEqual({ ok: false, code: 'invalid-marker', message });
  });

  it('survives absurd nesting', () => {
    expect(parseMarker('('.repeat(50_000)).ok).toBe(false);
  });
});
