export { DEFAULT_ELYRA_VERSION, ELYRA_RELEASES, ELYRA_VERSIONS, elyraRelease, elyraReleaseNote, elyraRequirementsText } from './elyra-releases';
export { findElyraConflicts, type ConflictCheckedRequirement } from './find-elyra-conflicts';
export { offeredPythonVersions } from './offered-python-versions';
export { isPythonEndOfLife, PYTHON_EOL, pythonMinor } from './python-eol';
