import { join } from 'node:path';
import type { Handlers } from '../contract/ipc';
import { Recipe } from '../contract/domain/recipe';
import type { Settings, SettingsLoadResult } from '../contract/domain/settings';
import { DEFAULT_PACKAGE_INDEX } from '../contract/domain/settings';
import { offeredPythonVersions } from '../services/elyra-data';
import { DraftStore } from '../services/draft';
import { defaultRecipe } from '../services/recipe';
import { loadSettings, loadSettingsAfterSetAside, saveSettings } from '../services/settings';
import type { KeyValueStore } from './key-value-store';

export interface SettingsHandlerDeps {
  store: KeyValueStore;
  dataDir: string;
  /** Where an unreadable settings file was moved before the store opened, if it was. */
  setAsidePath?: string | null;
  now?: () => Date;
}

/** A new recipe from the user's preferences: their Elyra, platform and package index. */
export function recipeFromSettings(settings: Settings, today: Date): Recipe {
  const recipe = defaultRecipe(today);
  const offered = offeredPythonVersions(settings.elyraVersion, today);
  recipe.elyraVersion = settings.elyraVersion;
  const preferred = settings.pythonVersion;
  recipe.pythonVersion = preferred !== null && offered.includes(preferred) ? preferred : (offered[0] ?? recipe.pythonVersion);
  recipe.platform = settings.platform;
  const index = settings.packageIndex;
  recipe.index = {
    indexUrl: index.indexUrl === DEFAULT_PACKAGE_INDEX.indexUrl ? null : index.indexUrl,
    extraIndexUrls: [...index.extraIndexUrls],
    trustedHosts: [...index.trustedHosts],
  };
  return recipe;
}

type SettingsHandlers = Pick<Handlers, 'settings:get' | 'settings:update' | 'draft:load' | 'draft:save' | 'draft:clear' | 'recipe:default'>;

/**
 * Preferences (electron-store) and the draft recipe (its own file, written atomically as the user
 * works). Settings are loaded, and repaired if damaged, once at start; the repair message is kept
 * so the first screen can say what was reset.
 */
export function settingsHandlers(deps: SettingsHandlerDeps): { handlers: SettingsHandlers; settings: () => Settings } {
  const now = deps.now ?? (() => new Date());
  let loaded: SettingsLoadResult = deps.setAsidePath ? loadSettingsAfterSetAside(deps.store, deps.setAsidePath) : loadSettings(deps.store);
  const drafts = new DraftStore(join(deps.dataDir, 'draft.json'), { now });
  return {
    settings: () => loaded.settings,
    handlers: {
      'settings:get': async () => loaded,
      'settings:update': async ({ patch }) => {
        const settings = saveSettings(deps.store, patch);
        loaded = { settings, reset: [], message: null };
        return settings;
      },
      'recipe:default': async () => recipeFromSettings(loaded.settings, now()),
      'draft:load': async () => {
        const draft = await drafts.load();
        const recipe = draft ? Recipe.safeParse(draft.payload) : null;
        return recipe?.success && draft ? { recipe: recipe.data, savedAt: draft.updatedAt } : { recipe: null, savedAt: null };
      },
      'draft:save': async ({ recipe }) => ({ savedAt: (await drafts.save(recipe)).updatedAt }),
      'draft:clear': async () => {
        await drafts.clear();
        return { cleared: true };
      },
    },
  };
}
