/**
 * The labels the app writes into every image it builds, so it can recognize its own images on the
 * engine later. One place for the keys: the recipe writes them and the history reads them.
 */
export const LABEL_NAMESPACE = 'io.github.runtime-image-builder';

export const labelKeys = {
  title: 'org.opencontainers.image.title',
  description: 'org.opencontainers.image.description',
  created: 'org.opencontainers.image.created',
  builtBy: `${LABEL_NAMESPACE}.app`,
  packages: `${LABEL_NAMESPACE}.packages`,
  elyraVersion: `${LABEL_NAMESPACE}.elyra-version`,
  python: `${LABEL_NAMESPACE}.python`,
  base: `${LABEL_NAMESPACE}.base`,
} as const;
