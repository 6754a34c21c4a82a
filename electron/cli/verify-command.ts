import { parseArgs } from 'node:util';
import { ElyraVersion } from '../contract/domain/elyra';
import { AppError } from '../contract/errors';
import { DEFAULT_ELYRA_VERSION } from '../services/elyra-data';
import { verifyImage } from '../services/verify';
import { engineForCli } from './build-command';
import { verifyReportLines } from './verify-lines';

/** `verify <image> [--elyra 4.1]`: runs the image once the way Elyra does and prints the check. */
export async function verifyCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, options: { elyra: { type: 'string' } }, allowPositionals: true });
  const [image] = positionals;
  if (!image) throw new AppError('invalid-input', 'verify needs an image (name:tag or id).');
  const elyra = ElyraVersion.safeParse(values.elyra ?? DEFAULT_ELYRA_VERSION);
  if (!elyra.success) throw new AppError('invalid-input', `--elyra ${values.elyra} is not one of ${ElyraVersion.options.join(', ')}.`);
  const docker = await engineForCli().client();
  const report = await verifyImage({ docker, image, elyraVersion: elyra.data, today: new Date() });
  for (const line of verifyReportLines(report)) console.log(line);
  console.log(
    `==> ${report.status === 'fail' ? 'Elyra cannot run this image as it is' : report.status === 'warn' ? 'Elyra can run this image, with the warnings above' : 'Elyra can run this image'}: ${image}`,
  );
  return report.status === 'fail' ? 1 : 0;
}
