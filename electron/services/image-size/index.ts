export { analyzeImageSize, type AnalyzeImageSizeOptions } from './analyze-image-size';
export { isRecipeInstruction, isRecipeStart, PART_LABELS, recipeLayerPart, shortInstruction } from './layer-parts';
export { HistoryEntry, summarizeImageSize } from './summarize-image-size';
export { attachDiffIds, builtLayers, layerChanges, pushEstimate } from './layer-changes';
