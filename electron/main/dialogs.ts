import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs } from '../core/recipe-handlers';
import { OPENABLE_EXTENSIONS } from './open-files';

export const openableFilters = [
  { name: 'Requirements, notebooks and scripts', extensions: [...OPENABLE_EXTENSIONS] },
  { name: 'All files', extensions: ['*'] },
];

/** Native dialogs, attached to the app window so they are modal to it. */
export function nativeDialogs(window: () => BrowserWindow): Dialogs {
  return {
    async chooseFolder(title) {
      const result = await dialog.showOpenDialog(window(), { title, properties: ['openDirectory', 'createDirectory'] });
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async chooseFiles() {
      const result = await dialog.showOpenDialog(window(), {
        title: 'Open requirements or notebooks',
        properties: ['openFile', 'multiSelections'],
        filters: openableFilters,
      });
      return result.canceled ? [] : result.filePaths;
    },
  };
}
