import type Dockerode from 'dockerode';
import type { Builder } from '../../contract/domain/build';
import type { EngineInfo } from '../../contract/domain/engine';
import { isApiVersionAtLeast } from '../engine/api-version';
import { detectProduct } from '../engine/engine-product';

/**
 * Docker Engine 23.0 (API 1.42) made BuildKit the builder of `docker build` and serves it through
 * `POST /build?version=2` with the context as the request body, no client session needed (seen on
 * 28.5). Older engines have it too, but behind a daemon feature flag the API does not reveal.
 */
export const BUILDKIT_MIN_API_VERSION = '1.42';

/**
 * The one place that decides which builder an engine gets. Podman's Docker-compatible API accepts
 * `version=2` but builds with Buildah and sends classic-style output, so it gets the classic
 * builder whatever API version it claims (5.8 says 1.44).
 */
export function chooseBuilder(engine: Pick<EngineInfo, 'product' | 'apiVersion'>): Builder {
  if (engine.product === 'Podman') return 'classic';
  return isApiVersionAtLeast(engine.apiVersion, BUILDKIT_MIN_API_VERSION) ? 'buildkit' : 'classic';
}

/** chooseBuilder for a bare client (the tests, the benchmark): asks the engine's /version. */
export async function builderOf(docker: Dockerode): Promise<Builder> {
  const version = await docker.version();
  const product = detectProduct({ componentNames: (version.Components ?? []).map((c) => c.Name), operatingSystem: null, hostName: null, hint: null });
  return chooseBuilder({ product, apiVersion: version.ApiVersion });
}
