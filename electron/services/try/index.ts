/** Tries a built image with the user's notebooks and scripts, the way Elyra runs them. Plain Node: no Electron here. */
export { tryImage, type TryImageOptions, commonFolder, filesToRun } from './try-image';
export { checkImports, importTargets, parseImportOutput, type ImportCheckOptions } from './import-check';
export { explainImport, failsCheck, type ImportTarget, type RawImport } from './explain-import';
export { readExecutedNotebook, scriptError } from './run-results';
export { trySummary } from './try-summary';
export { TRY_CONTAINER_LABEL } from './run-container';
