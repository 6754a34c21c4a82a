import type { ElyraVersion, PythonVersion } from '../../contract/domain/elyra';
import { ELYRA_RELEASES } from './elyra-releases';
import { isPythonEndOfLife, PYTHON_EOL, pythonMinor } from './python-eol';

/** Pythons the chosen Elyra supports and that are not end-of-life on `today`, newest first. */
export function offeredPythonVersions(elyraVersion: ElyraVersion, today: Date): PythonVersion[] {
  const { min, max } = ELYRA_RELEASES[elyraVersion].python;
  return PYTHON_EOL.map((entry) => entry.version)
    .filter((version) => pythonMinor(version) >= pythonMinor(min) && pythonMinor(version) <= pythonMinor(max))
    .filter((version) => !isPythonEndOfLife(version, today))
    .sort((a, b) => pythonMinor(b) - pythonMinor(a));
}
