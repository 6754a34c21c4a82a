export { formatImageReference, NAME_TOTAL_LENGTH_MAX, parseImageReference, TAG_LENGTH_MAX } from './parse-image-reference';
export { dockerHubHelp, suggestImageName, type SuggestImageNameInput } from './suggest-image-name';
