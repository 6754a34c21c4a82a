import { checkDroppedContent, formatByteSize } from './check-dropped-content';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('checkDroppedContent', () => {
  it('reads UTF-8 text and drops its BOM', () => {
    expect(checkDroppedContent(encode('pandas\n'))).toEqual({ ok: true, text: 'pandas\n' });
    expect(checkDroppedContent(new Uint8Array([0xef, 0xbb, 0xbf, ...encode('numpy')]))).toEqual({ ok: true, text: 'numpy' });
    expect(checkDroppedContent(encode('# café ☕ 🐍\n'))).toEqual({ ok: true, text: '# café ☕ 🐍\n' });
    expect(checkDroppedContent(new Uint8Array())).toEqual({ ok: true, text: '' });
  });

  it('refuses a file over the limit', () => {
    expect(checkDroppedContent(new Uint8Array(1024 * 1024 + 1), { fileName: 'big.txt' })).toEqual({
      ok: false,
      code: 'file-too-large',
      message: 'big.txt is too large (1 MB); requirements files over 1 MB are not read',
    });
    expect(checkDroppedContent(encode('x'.repeat(2048)), { fileName: 'r.txt', maxBytes: 1000 })).toMatchObject({
      ok: false,
      message: 'r.txt is too large (2 KB); requirements files over 1000 bytes are not read',
    });
  });

  it('refuses UTF-16 with either BOM, and without one', () => {
    const utf16le = new Uint8Array([0xff, 0xfe, 0x70, 0x00, 0x61, 0x00]);
    const utf16be = new Uint8Array([0xfe, 0xff, 0x00, 0x70, 0x00, 0x61]);
    const noBom = new Uint8Array([...encode('pandas\n')].flatMap((byte) => [byte, 0]));
    for (const bytes of [utf16le, utf16be, noBom]) {
      expect(checkDroppedContent(bytes, { fileName: 'req.txt' })).toEqual({
        ok: false,
        code: 'file-utf16',
        message: 'req.txt is saved as UTF-16 (or UTF-32); save it as UTF-8 and try again',
      });
    }
  });

  it('refuses binary files', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x10, 0x20]);
    expect(checkDroppedContent(png, { fileName: 'logo.png' })).toEqual({
      ok: false,
      code: 'file-binary',
      message: 'logo.png is not a text file (it contains NUL bytes)',
    });
  });

  it('refuses text that is not UTF-8 and says where', () => {
    const latin1 = new Uint8Array([...encode('# caf'), 0xe9, ...encode('\npandas\n')]);
    expect(checkDroppedContent(latin1, { fileName: 'r.txt' })).toEqual({
      ok: false,
      code: 'file-not-utf8',
      message: 'r.txt is not UTF-8 text (byte 0xE9 at offset 5); save it as UTF-8 and try again',
    });
    expect(checkDroppedContent(new Uint8Array([0x61, 0xed, 0xa0, 0x80]))).toMatchObject({
      code: 'file-not-utf8',
      message: expect.stringContaining('offset 1'),
    });
  });

  it('formats sizes for people', () => {
    expect([formatByteSize(10), formatByteSize(1536), formatByteSize(5 * 1024 * 1024)]).toEqual(['10 bytes', '1.5 KB', '5 MB']);
  });
});
