import type { Handlers } from '../contract/ipc';
import { errorMessage } from '../services/docker-config';
import type { HistoryStore } from '../services/history';
import { analyzeImageSize, builtLayers, layerChanges, pushEstimate } from '../services/image-size';
import { type LoginRecords, type SavedLoginDeps, savedCredentials } from '../services/login';
import { parsePushTarget, registryLayers } from '../services/registry';
import type { EngineSession } from './engine-session';

export interface EstimateHandlerDeps {
  engine: EngineSession;
  history: HistoryStore;
  logins: LoginRecords;
  secrets: SavedLoginDeps;
}

/**
 * How many bytes a push will send, before the push: the registry the image was last pushed to is
 * asked which of its layers it already holds (with the saved login); when it cannot be asked, the
 * layers changed since the previous build are counted instead.
 */
export function estimateHandlers(deps: EstimateHandlerDeps): Pick<Handlers, 'push:estimate'> {
  return {
    'push:estimate': async ({ image }) => {
      const docker = await deps.engine.client();
      const size = await analyzeImageSize({ docker, image, packages: [] });
      const layers = builtLayers(size.layers);
      const entries = deps.history.list().entries;
      const builds = entries.filter((e) => e.kind === 'build' && e.result === 'succeeded' && e.image === image && e.layers);
      // The previous build: the newest whose layers are not this image's own.
      const same = (built: readonly { diffId: string }[]) => built.length === layers.length && built.every((l, i) => l.diffId === layers[i]?.diffId);
      const previous = builds.find((e) => !same(e.layers ?? []));
      const changes = previous?.layers ? layerChanges(layers, { builtAt: previous.createdAt, layers: previous.layers }) : null;
      const pushed = entries.find((e) => e.kind === 'push' && e.result === 'succeeded' && e.source === image);
      if (!pushed) return pushEstimate(null, layers, null, changes, 'not pushed yet');
      const target = parsePushTarget(pushed.image);
      if (!target.ok) return pushEstimate(pushed.image, layers, null, changes, target.error.message);
      try {
        const login = deps.logins.find(target.target.registry.serverAddress);
        const credentials = login ? await savedCredentials(login, deps.secrets) : null;
        const held = await registryLayers({
          registry: target.target.registry,
          repository: target.target.repository.slice(target.target.registry.host.length + 1),
          tag: target.target.tag,
          credentials,
        });
        return pushEstimate(target.target.reference, layers, held, changes, null);
      } catch (error) {
        return pushEstimate(target.target.reference, layers, null, changes, `the registry could not be asked: ${errorMessage(error)}`);
      }
    },
  };
}
