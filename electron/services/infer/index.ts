/** Infers the packages a set of notebooks and scripts needs. Plain Node: no Electron here. */
export { inferFromPaths, type InferFromPathsOptions } from './inferFromPaths';
export { inferFromSources, type InferOptions, type SourceFile } from './inferFromSources';
export { applyIndexConfirmation, confirmInference } from './confirmInference';
export {
  confirmWithIndex,
  PYPI_SIMPLE_URL,
  type ConfirmWithIndexOptions,
  type FetchFunction,
  type IndexConfirmation,
  type NameConfirmation,
  type NameStatus,
} from './packageIndex';
export { createPythonParser, defaultGrammarWasmPath, type PythonParser, type PythonParserOptions } from './pythonParser';
export { guessDistribution, normalizeName, type DistributionGuess } from './distributionMapping';
export { isStdlibModule, stdlibModules, SUPPORTED_MINORS } from './stdlibModules';
export { parseInstallCommands, requirementName, type InstallCommand } from './installCommand';
