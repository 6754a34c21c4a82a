import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { elyraMetadataCommand } from './elyra-metadata-command';
import { buildRuntimeImageMetadata } from './runtime-image-metadata';
import { shellQuote } from './shell-quote';

// The command is checked by running it: a stand-in `elyra-metadata` on PATH prints the arguments the
// shell really passed, and those are read the way Elyra's CLI reads `--option=value`.

const posix = process.platform !== 'win32';
let stubDir: string;
beforeAll(() => {
  stubDir = mkdtempSync(path.join(tmpdir(), 'elyra-stub-'));
  const stub = path.join(stubDir, 'elyra-metadata');
  writeFileSync(stub, '#!/bin/sh\nfor a in "$@"; do printf \'%s\\0\' "$a"; done\n');
  chmodSync(stub, 0o755);
});
afterAll(() => {
  rmSync(stubDir, { recursive: true, force: true });
});

function argvThroughShell(command: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', command], { env: { ...process.env, PATH: `${stubDir}:${process.env.PATH ?? ''}` } });
  return out.toString('utf8').split('\0').slice(0, -1);
}

/** Elyra's AppBase reads `--option=value` by splitting at the first '='. */
function elyraOptions(argv: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (const arg of argv.slice(2)) {
    const at = arg.indexOf('=');
    options[arg.slice(0, at)] = arg.slice(at + 1);
  }
  return options;
}

const nasty = {
  displayName: `Ada's "GPU" image $HOME \`id\` !x`,
  description: "pandas>=2; numpy==1.26 | it's $(rm -rf /) & more\\n --image_name=evil",
  tags: ['data science', "o'brien", 'a,b', '$PATH', 'données'],
  imageName: 'quay.io/alice/ml:1.0',
  pullPolicy: 'IfNotPresent' as const,
  pullSecret: 'quay-io-pull-secret',
};

describe('elyraMetadataCommand', () => {
  it('writes the plain case readably', () => {
    const metadata = buildRuntimeImageMetadata({
      displayName: 'Pandas 2.3.2',
      description: 'Pandas 2.3.2',
      tags: ['pandas'],
      imageName: 'amancevice/pandas:jupyter-2.3.2',
    });
    expect(elyraMetadataCommand({ name: 'pandas_2_3_2', metadata })).toBe(
      "elyra-metadata create runtime-images --name=pandas_2_3_2 --display_name='Pandas 2.3.2' --description='Pandas 2.3.2' " +
        `--image_name=amancevice/pandas:jupyter-2.3.2 --tags='["pandas"]'`,
    );
  });

  it('leaves out options that have no value', () => {
    const metadata = buildRuntimeImageMetadata({ displayName: 'x', imageName: 'a/b:1' });
    expect(elyraMetadataCommand({ name: 'xy', metadata })).toBe('elyra-metadata create runtime-images --name=xy --display_name=x --image_name=a/b:1');
  });

  it.runIf(posix)('survives quotes, $, backticks, spaces, commas and option-like text through a real shell', () => {
    const metadata = buildRuntimeImageMetadata(nasty);
    const argv = argvThroughShell(elyraMetadataCommand({ name: 'ada_gpu', metadata }));
    expect(argv.slice(0, 2)).toEqual(['create', 'runtime-images']);
    const options = elyraOptions(argv);
    expect(options).toEqual({
      '--name': 'ada_gpu',
      '--display_name': nasty.displayName,
      '--description': nasty.description,
      '--image_name': nasty.imageName,
      '--tags': JSON.stringify(nasty.tags),
      '--pull_policy': 'IfNotPresent',
      '--pull_secret': 'quay-io-pull-secret',
    });
    expect(JSON.parse(options['--tags'] ?? '')).toEqual(nasty.tags);
  });

  // Elyra's CLI reads a bracketed --tags value with Python's ast.literal_eval; check that it yields the same list.
  const python = spawnSync('python3', ['-c', 'print(1)']).status === 0;
  it.runIf(posix && python)('gives tags that Python reads back as the same list', () => {
    const metadata = buildRuntimeImageMetadata(nasty);
    const tagsArg = elyraOptions(argvThroughShell(elyraMetadataCommand({ name: 'ada_gpu', metadata })))['--tags'] ?? '';
    const script = 'import ast, json, sys; print(json.dumps(ast.literal_eval(sys.argv[1])))';
    const back = execFileSync('python3', ['-c', script, tagsArg]).toString('utf8');
    expect(JSON.parse(back)).toEqual(nasty.tags);
  });
});

describe('shellQuote', () => {
  it.each([
    ['plain', 'plain'],
    ['quay.io/a/b:1.0', 'quay.io/a/b:1.0'],
    ['', "''"],
    ['two words', "'two words'"],
    ["it's", "'it'\\''s'"],
    ['$HOME', "'$HOME'"],
    ['a"b', `'a"b'`],
    ['`x`', "'`x`'"],
    ['line\nbreak', "'line\nbreak'"],
  ])('%j → %s', (value, quoted) => {
    expect(shellQuote(value)).toBe(quoted);
  });

  it.runIf(posix)('round-trips every printable ASCII character through sh', () => {
    let all = '';
    for (let c = 32; c < 127; c += 1) all += String.fromCharCode(c);
    const out = execFileSync('/bin/sh', ['-c', `printf '%s' ${shellQuote(all)}`]).toString('utf8');
    expect(out).toBe(all);
  });
});
