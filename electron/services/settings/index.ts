export {
  AtomicWriteConflict,
  type AtomicWriteOptions,
  listTempFiles,
  pathExists,
  readTextIfExists,
  removeFile,
  removeStaleTempFiles,
  writeFileAtomic,
} from './atomic-file';
export { damagedCopyPath, setAsideUnparseableJson } from './damaged-store-file';
export { type LoadSettingsDeps, type SettingsFile, loadSettings, loadSettingsAfterSetAside, saveSettings, SETTINGS_KEY } from './settings-store';
