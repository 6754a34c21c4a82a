/** Infers the packages a set of notebooks and scripts needs. Plain Node: no Electron here. */
export { inferFromPaths, type InferFromPathsOptions } from './infer-from-paths';
export { inferFromSources, type InferOptions, type SourceFile } from './infer-from-sources';
export { applyIndexConfirmation, confirmInference } from './confirm-inference';
export {
  confirmWithIndex,
  PYPI_SIMPLE_URL,
  type ConfirmWithIndexOptions,
  type FetchFunction,
  type IndexConfirmation,
  type NameConfirmation,
  type NameStatus,
} from './package-index';
export { createPythonParser, defaultGrammarWasmPath, type PythonParser, type PythonParserOptions } from './python-parser';
export { guessDistribution, normalizeName, type DistributionGuess } from './distribution-mapping';
export { isStdlibModule, stdlibModules, SUPPORTED_MINORS } from './stdlib-modules';
export { parseInstallCommands, requirementName, type InstallCommand } from './install-command';
