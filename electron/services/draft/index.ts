export { type DraftPayload, DraftStore, type DraftStoreOptions } from './draft-store';
