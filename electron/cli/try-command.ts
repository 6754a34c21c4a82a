import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { TRY_TIMEOUT_DEFAULT_SECONDS, TryInput } from '../contract/domain/try';
import { AppError } from '../contract/errors';
import { tryImage } from '../services/try';
import { engineForCli } from './build-command';
import { tryReportLines } from './try-lines';

const options = {
  'allow-network': { type: 'boolean' },
  timeout: { type: 'string' },
  'imports-only': { type: 'boolean' },
  out: { type: 'string' },
} as const;

function defaultOutput(image: string, now: Date): string {
  const slug = image.replace(/^.*\//, '').replace(/[^A-Za-z0-9._-]+/g, '-');
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return resolve('try-output', `${slug}-${stamp}`);
}

/**
 * `try <image> <notebooks, scripts or folders…> [--allow-network] [--timeout 300] [--imports-only] [--out DIR]`:
 * every import inside the image, then each file run as Elyra runs it. Exit 0 only when all pass.
 */
export async function tryCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const [image, ...paths] = positionals;
  if (!image || paths.length === 0)
    throw new AppError('invalid-input', 'try needs an image and notebooks, scripts or folders of them, e.g. try my-image:1 train.ipynb src/.');
  const timeout = values.timeout === undefined ? TRY_TIMEOUT_DEFAULT_SECONDS : Number(values.timeout);
  const input = TryInput.safeParse({ image, paths, allowNetwork: Boolean(values['allow-network']), timeoutSeconds: timeout, run: !values['imports-only'] });
  if (!input.success) {
    const field = input.error.issues[0]?.path[0];
    throw new AppError(
      'invalid-input',
      field === 'timeoutSeconds'
        ? `--timeout ${values.timeout}: give whole seconds, from 5 to 86400.`
        : `try: ${input.error.issues[0]?.message ?? 'invalid arguments'}.`,
    );
  }
  const outputDir = values.out ? resolve(values.out) : defaultOutput(image, new Date());
  const docker = await engineForCli().client();
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const report = await tryImage({
      docker,
      image: input.data.image,
      paths: input.data.paths.map((p) => resolve(p)),
      network: input.data.allowNetwork ? 'default' : 'none',
      timeoutSeconds: input.data.timeoutSeconds,
      run: input.data.run,
      outputDir,
      signal: controller.signal,
      log: (line) => console.log(line),
    });
    console.log('');
    // Paths under the current folder are shown from it, as the user typed them.
    const shown = (path: string) => {
      const rel = relative(process.cwd(), path);
      return rel === '' || rel.startsWith('..') || isAbsolute(rel) ? path : rel;
    };
    for (const line of tryReportLines(report, shown)) console.log(line);
    console.log(`==> ${report.passed ? 'Everything ran' : 'Not everything ran'} in ${image}; results in ${report.outputDir}`);
    return report.passed ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}
