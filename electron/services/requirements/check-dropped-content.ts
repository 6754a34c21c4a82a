import type { DroppedContentResult } from '../../contract/domain/requirements';

// Decides whether bytes are a requirements file we can read: UTF-8 text (pip's own encoding for these
// files when there is no BOM) of a sane size. Pure, no Node: the renderer runs it on a dropped file,
// the file loader on a file from disk.

export const DEFAULT_MAX_REQUIREMENTS_BYTES = 1024 * 1024;

export interface CheckDroppedContentOptions {
  /** Used in messages. */
  fileName?: string;
  maxBytes?: number;
}

export function formatByteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/, '')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '')} MB`;
}

export function tooLargeMessage(name: string, size: number, maxBytes: number): string {
  return `${name} is too large (${formatByteSize(size)}); requirements files over ${formatByteSize(maxBytes)} are not read`;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.length <= bytes.length && prefix.every((byte, index) => bytes[index] === byte);
}

/** UTF-16 without a BOM shows as NULs in every other byte (ASCII text); other NULs mean binary. */
function looksLikeUtf16(bytes: Uint8Array, nulCount: number): boolean {
  if (nulCount < bytes.length / 4) return false;
  let even = 0;
  for (let index = 0; index < bytes.length; index += 2) if (bytes[index] === 0) even++;
  const odd = nulCount - even;
  return Math.max(even, odd) >= nulCount * 0.9;
}

export function checkDroppedContent(bytes: Uint8Array, options: CheckDroppedContentOptions = {}): DroppedContentResult {
  const name = options.fileName ?? 'This file';
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_REQUIREMENTS_BYTES;
  if (bytes.length > maxBytes) return { ok: false, code: 'file-too-large', message: tooLargeMessage(name, bytes.length, maxBytes) };
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]) || startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    return {
      ok: false,
      code: 'file-utf16',
      message: `${name} is saved as UTF-16 (or UTF-32); save it as UTF-8 and try again`,
    };
  }
  let nulCount = 0;
  for (const byte of bytes) if (byte === 0) nulCount++;
  if (nulCount > 0) {
    if (looksLikeUtf16(bytes, nulCount)) {
      return { ok: false, code: 'file-utf16', message: `${name} is saved as UTF-16 (or UTF-32); save it as UTF-8 and try again` };
    }
    return { ok: false, code: 'file-binary', message: `${name} is not a text file (it contains NUL bytes)` };
  }
  try {
    // fatal: refuse instead of replacing bad bytes, so nothing the user wrote is silently changed.
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { ok: true, text };
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    const byte = bytes[offset] ?? 0;
    return {
      ok: false,
      code: 'file-not-utf8',
      message: `${name} is not UTF-8 text (byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at offset ${offset}); save it as UTF-8 and try again`,
    };
  }
}

/** Where the first malformed UTF-8 sequence starts, so the message can point at it. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return index;
    // The second byte's range excludes overlong forms, surrogates and code points above U+10FFFF.
    const secondLow = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const secondHigh = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let offset = 1; offset < length; offset++) {
      const byte = bytes[index + offset];
      const low = offset === 1 ? secondLow : 0x80;
      const high = offset === 1 ? secondHigh : 0xbf;
      if (byte === undefined || byte < low || byte > high) return index;
    }
    index += length;
  }
  return Math.max(0, bytes.length - 1);
}
