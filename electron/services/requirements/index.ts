// The requirements service for Node callers (main process, CLI). The renderer imports
// check-dropped-content, parse-requirements and format-requirement directly: they use no Node APIs.
export { checkDroppedContent, DEFAULT_MAX_REQUIREMENTS_BYTES } from './check-dropped-content';
export { formatRequirement } from './format-requirement';
export { normalizePackageName, isValidPackageName } from './package-name';
export { parseRequirements, type ParseRequirementsTextOptions } from './parse-requirements';
export type { ParseRequirementsOptions } from './parse-requirement-lines';
export { readRequirementsFile, type ReadRequirementsFileOptions } from './read-requirements-file';
export { commonVersion, specifiersOverlap } from './specifier-overlap';
