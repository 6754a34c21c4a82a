export { DEFAULT_HISTORY_CAP, HISTORY_FORMAT_VERSION, HISTORY_KEY, type HistoryFile, HistoryStore, type HistoryStoreOptions } from './history-store';
export { type PushedImage, type PushOutcome, pushHistoryEntry } from './push-entry';
