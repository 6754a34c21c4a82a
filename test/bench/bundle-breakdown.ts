// Which packages the renderer's JavaScript is made of, from the build's source map: each generated
// byte is attributed to the source its mapping segment points at. Used only to explain a size over
// budget, so it reads the map by hand (base64 VLQ, a few lines) instead of adding a dependency.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    values.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return values;
}

/** 'node_modules/@mantine/core/…' → '@mantine/core'; the app's own files → 'app: renderer/src/<folder>'. */
export function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source);
  if (match?.[1]) return match[1];
  const app = /(renderer\/src\/[^/]+|electron\/[^/]+)/.exec(source);
  return app?.[1] ? `app: ${app[1]}` : 'other';
}

export async function bundleBreakdown(rendererDir: string): Promise<{ name: string; bytes: number; share: number }[]> {
  const assets = join(rendererDir, 'assets');
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const name of (await readdir(assets)).filter((n) => n.endsWith('.js'))) {
    const code = (await readFile(join(assets, name), 'utf8')).split('\n');
    const map = JSON.parse(await readFile(join(assets, `${name}.map`), 'utf8')) as { sources: string[]; mappings: string };
    let source = 0;
    map.mappings.split(';').forEach((line, lineIndex) => {
      const lineLength = code[lineIndex]?.length ?? 0;
      let column = 0;
      const segments = line === '' ? [] : line.split(',').map(decodeSegment);
      segments.forEach((fields, i) => {
        column += fields[0] ?? 0;
        if (fields.length >= 4) source += fields[1] ?? 0;
        const next = segments[i + 1];
        const end = next === undefined ? lineLength : column + (next[0] ?? 0);
        const key = fields.length >= 4 ? packageOf(map.sources[source] ?? '') : 'unmapped';
        byPackage.set(key, (byPackage.get(key) ?? 0) + Math.max(0, end - column));
        total += Math.max(0, end - column);
      });
    });
  }
  return [...byPackage.entries()].map(([name, bytes]) => ({ name, bytes, share: total > 0 ? bytes / total : 0 })).sort((a, b) => b.bytes - a.bytes);
}
