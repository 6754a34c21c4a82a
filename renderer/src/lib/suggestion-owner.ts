import { call } from './api';
import { ownerOfImage } from './names';

/** Whom a suggested name belongs to: the name's own registry and namespace, else the settings', else a login's. */
export async function suggestionOwner(imageName: string): Promise<string | undefined> {
  const own = ownerOfImage(imageName);
  if (own) return own;
  const { settings } = await call('settings:get', {});
  if (settings.defaultNamespace.trim() !== '') {
    const registry = settings.defaultRegistry.trim();
    return registry === '' || registry === 'docker.io' ? settings.defaultNamespace.trim() : `${registry}/${settings.defaultNamespace.trim()}`;
  }
  const login = (await call('registry:logins', {})).logins.find((l) => l.username !== '<token>');
  if (!login) return undefined;
  return login.registry.kind === 'docker-hub' ? login.username : `${login.registry.host}/${login.username}`;
}
