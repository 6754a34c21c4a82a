export { baseImageFor } from './base-image';
export { renderDockerfile, type DockerfileInput, type RenderedDockerfile } from './dockerfile';
export { LABEL_NAMESPACE, labelKeys } from './image-labels';
export { checkIndexSettings, pipBuildArgs, pipIndexArgs } from './index-settings';
export { contextFiles, planRecipe, type PlanOptions } from './plan-recipe';
export { defaultRecipe } from './default-recipe';
export { additionsFromFileSet, additionsFromParsed, oneLine } from './package-entries';
export { buildTag } from './build-tag';
export { recipeFindingText } from './finding-text';
