import type { EngineInfo, EngineProduct } from '../../contract/domain/engine';

export interface ProductClues {
  /** version().Components[].Name, e.g. "Engine", "Podman Engine". */
  componentNames: readonly string[];
  /** info().OperatingSystem, e.g. "Docker Desktop", "OrbStack", "Ubuntu 24.04 LTS". */
  operatingSystem: string | null;
  /** info().Name: the engine host's name; Colima and Rancher Desktop VMs are named after the product. */
  hostName: string | null;
  /** From where the endpoint lives (known socket, context name); used when the engine does not say. */
  hint: EngineProduct | null;
}

/** What the engine says about itself wins over where we found it. */
export function detectProduct(clues: ProductClues): EngineProduct {
  if (clues.componentNames.some((name) => /podman/i.test(name))) return 'Podman';
  const os = clues.operatingSystem ?? '';
  const host = clues.hostName ?? '';
  if (/docker desktop/i.test(os)) return 'Docker Desktop';
  if (/orbstack/i.test(os)) return 'OrbStack';
  if (/rancher desktop/i.test(os) || /rancher-desktop/i.test(host)) return 'Rancher Desktop';
  if (/^colima(-|$)/i.test(host)) return 'Colima';
  return clues.hint ?? 'Docker Engine';
}

/** "28.2.2" → "28.2"; anything else is shown as given. */
export function shortVersion(version: string): string {
  const match = /^v?(\d+)\.(\d+)/.exec(version);
  return match === null ? version : `${match[1]}.${match[2]}`;
}

/** "Connected to Docker Engine 28.2 (Docker Desktop)", "Connected to Podman 5.2". */
export function connectedMessage(engine: Pick<EngineInfo, 'product' | 'version'>): string {
  const engineName = engine.product === 'Podman' ? 'Podman' : 'Docker Engine';
  const product = engine.product === engineName ? '' : ` (${engine.product})`;
  return `Connected to ${engineName} ${shortVersion(engine.version)}${product}`;
}
