import type { HistoryEntry } from '../../contract/domain/history';
import { type DistributionNode, EXACT_PIN_PATTERN, type HeavyDistribution, type PlannedLayer } from '../../contract/domain/layers';
import { installOptionLines, Recipe } from '../../contract/domain/recipe';
import { formatRequirement, normalizePackageName, parseRequirements } from '../requirements';

/**
 * A distribution whose installed files take this much (with the packages it needs) gets a layer of
 * its own in the next build of the same image. The one place for the threshold.
 */
export const HEAVY_LAYER_MIN_BYTES = 50_000_000;

/** What the builds of one image so far tell the next one. */
export interface LayerHistory {
  /** When the last build of the image was made. */
  builtAt: string;
  /** Heavy distributions the last build measured. */
  heavy: HeavyDistribution[];
  /** The user's package lines at the last build. */
  packages: string[];
  /** The last build's recipe, to tell whether the layers still apply. */
  recipe: Recipe | null;
  /** `name==version` lists of the image's builds, newest first: how long each version stayed. */
  locks: string[][];
}

const MB = (bytes: number): string => `${Math.round(bytes / 1e6)} MB`;

function requested(lines: readonly string[]): Map<string, string> {
  const parsed = parseRequirements(lines.join('\n'), { file: 'packages' });
  return new Map(parsed.requirements.map((r) => [r.normalizedName, formatRequirement(r)]));
}

function pinOf(node: DistributionNode): string | null {
  const pin = `${node.name}==${node.version}`;
  return EXACT_PIN_PATTERN.test(pin) ? pin : null;
}

/**
 * Pure: the heavy distributions of a build, from every installed distribution with its size and
 * what it needs. Only what the user's packages pulled in counts (the base's and Elyra's own do not);
 * a heavy distribution that another heavy one needs goes in that one's layer, with it.
 */
export function heavyDistributions(
  nodes: readonly DistributionNode[],
  userPackages: readonly string[],
  minBytes: number = HEAVY_LAYER_MIN_BYTES,
): HeavyDistribution[] {
  const byName = new Map(nodes.map((n) => [normalizePackageName(n.name), n]));
  const closure = (start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [start];
    while (stack.length > 0) {
      const name = stack.pop() ?? '';
      if (seen.has(name) || !byName.has(name)) continue;
      seen.add(name);
      for (const dep of byName.get(name)?.requires ?? []) stack.push(normalizePackageName(dep));
    }
    return seen;
  };
  const asked = [...requested(userPackages).keys()].filter((name) => byName.has(name));
  const pulledBy = new Map<string, string[]>();
  for (const name of asked) for (const dep of closure(name)) pulledBy.set(dep, [...(pulledBy.get(dep) ?? []), name]);
  const closures = new Map<string, Set<string>>();
  const closureOf = (name: string): Set<string> => {
    const known = closures.get(name);
    if (known) return known;
    const made = closure(name);
    closures.set(name, made);
    return made;
  };
  const size = (name: string): number => byName.get(name)?.sizeBytes ?? 0;
  const candidates = [...pulledBy.keys()].filter((name) => size(name) >= minBytes);
  // A root is needed by no other candidate (in a cycle, the larger one stays the root).
  const roots = candidates.filter(
    (name) => !candidates.some((other) => other !== name && closureOf(other).has(name) && !(closureOf(name).has(other) && size(name) > size(other))),
  );
  return roots
    .map((name): HeavyDistribution | null => {
      const node = byName.get(name);
      if (!node || pinOf(node) === null) return null;
      const deps = [...closureOf(name)].filter((dep) => dep !== name).sort();
      const pins = deps.flatMap((dep) => {
        const depNode = byName.get(dep);
        const pin = depNode ? pinOf(depNode) : null;
        return pin === null ? [] : [pin];
      });
      return {
        name: node.name,
        version: node.version,
        ownBytes: node.sizeBytes,
        sizeBytes: node.sizeBytes + deps.reduce((sum, dep) => sum + size(dep), 0),
        dependencies: pins,
        neededBy: [...(pulledBy.get(name) ?? [])].sort(),
      };
    })
    .filter((heavy): heavy is HeavyDistribution => heavy !== null)
    .sort((a, b) => b.sizeBytes - a.sizeBytes || a.name.localeCompare(b.name));
}

/** Pure: what the history says about the next build of `imageName`; null before its first successful build. */
export function layerHistoryFor(entries: readonly HistoryEntry[], imageName: string): LayerHistory | null {
  const builds = entries
    .filter((e) => e.kind === 'build' && e.result === 'succeeded' && e.image === imageName.trim())
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
  const last = builds[0];
  if (!last || !last.heavy) return null;
  const recipe = Recipe.safeParse(last.recipe);
  return {
    builtAt: last.createdAt,
    heavy: last.heavy,
    packages: last.packages,
    recipe: recipe.success ? recipe.data : null,
    locks: builds.map((b) => b.lock ?? []),
  };
}

/** What must be as it was for the last build's pins to hold: else every package is resolved afresh. */
function whatChanged(recipe: Recipe, last: Recipe | null): string | null {
  if (last === null) return 'the last build of this image is not readable';
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(recipe.base, last.base)) return 'the base image changed';
  if (recipe.pythonVersion !== last.pythonVersion) return 'the Python version changed';
  if (recipe.elyraVersion !== last.elyraVersion || recipe.preinstallElyraPins !== last.preinstallElyraPins) return "Elyra's packages changed";
  if (recipe.platform !== last.platform) return 'the platform changed';
  if (!same(recipe.index, last.index) || recipe.pre !== last.pre) return 'the package index settings changed';
  if (!same(recipe.constraints, last.constraints)) return 'the constraints changed';
  if (!same(recipe.installOptions, last.installOptions)) return "pip's options changed";
  return null;
}

/** How many builds in a row, newest first, installed this exact version. */
function stableBuilds(heavy: HeavyDistribution, locks: readonly string[][]): number {
  const pin = `${normalizePackageName(heavy.name)}==${heavy.version}`;
  let count = 0;
  for (const lock of locks) {
    if (!lock.some((line) => `${normalizePackageName(line.split('==')[0] ?? '')}==${line.split('==')[1] ?? ''}` === pin)) break;
    count += 1;
  }
  return count;
}

export interface LayerPlan {
  /** The heavy layers in build order, then the rest; empty when all packages go in one layer. */
  layers: PlannedLayer[];
  /** Why the packages stay in one layer although the last build found heavy ones; null otherwise. */
  note: string | null;
}

function shellWord(text: string): string {
  return /^[A-Za-z0-9._=+!-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A plan's pip arguments for a layer, quoted for the shell. */
export function layerArgs(layer: PlannedLayer): string {
  return layer.installs.map(shellWord).join(' ');
}

/**
 * Pure: the layers of the user's packages for this build. Each heavy distribution of the last build
 * of the same image gets its own layer, pinned to what that build installed, most stable first; then
 * one layer with the user's whole list (pip finds the heavy ones there already). A heavy package the
 * user changed installs their new line in its layer, and the layers after it pin only their own
 * package, so pip fits what they need to the new one.
 */
export function planLayers(recipe: Recipe, history: LayerHistory | null): LayerPlan {
  if (history === null || history.heavy.length === 0) return { layers: [], note: null };
  const changedSetting = whatChanged(recipe, history.recipe);
  if (changedSetting !== null) return { layers: [], note: `Your packages are installed in one layer: ${changedSetting} since the last build of this image.` };
  if (installOptionLines(recipe.installOptions, false).length > 0) return { layers: [], note: null };
  const now = requested(recipe.packages.map((p) => p.text));
  const before = requested(history.packages);
  // Layers the last build had keep their order (moving one would rebuild it and all after it);
  // heavy packages new to a layer of their own follow, the most stable first.
  const had = (heavy: HeavyDistribution) => (heavy.layerInstalls ? history.heavy.indexOf(heavy) : Number.MAX_SAFE_INTEGER);
  const kept = history.heavy
    .filter((heavy) => heavy.neededBy.some((name) => now.has(name)))
    .map((heavy) => ({ heavy, stable: stableBuilds(heavy, history.locks) }))
    .sort((a, b) => had(a.heavy) - had(b.heavy) || b.stable - a.stable || b.heavy.sizeBytes - a.heavy.sizeBytes || a.heavy.name.localeCompare(b.heavy.name));
  if (kept.length === 0) return { layers: [], note: null };
  const placed = new Set<string>();
  let redone = false;
  const layers: PlannedLayer[] = kept.map(({ heavy, stable }) => {
    const key = normalizePackageName(heavy.name);
    const line = now.get(key);
    const changed = line !== undefined && line !== before.get(key);
    const pin = `${heavy.name}==${heavy.version}`;
    const since = stable > 1 ? `, the same for ${stable} builds` : '';
    const needs = heavy.dependencies.length > 0 ? ` with the ${heavy.dependencies.length} package${heavy.dependencies.length === 1 ? '' : 's'} it needs` : '';
    if (changed) {
      redone = true;
      return {
        kind: 'heavy',
        name: heavy.name,
        installs: [line],
        sizeBytes: null,
        reason: `${heavy.name} changed (it was ${heavy.version}, ${MB(heavy.sizeBytes)}): its own layer and the layers after it are built again.`,
        changed: true,
      };
    }
    // The words of the layer the last build made, when it made one: the same words, the same cached layer.
    const deps = redone ? [] : heavy.dependencies.filter((dep) => !placed.has(normalizePackageName(dep.split('==')[0] ?? '')));
    const installs = !redone && heavy.layerInstalls && heavy.layerInstalls.length > 0 ? heavy.layerInstalls : [pin, ...deps];
    for (const dep of heavy.dependencies) placed.add(normalizePackageName(dep.split('==')[0] ?? ''));
    placed.add(key);
    return {
      kind: 'heavy',
      name: heavy.name,
      installs,
      sizeBytes: heavy.sizeBytes,
      reason: `${heavy.name} ${heavy.version}${needs} (${MB(heavy.sizeBytes)} last build${since}) in its own layer, so that changing other packages does not build or send it again.`,
      changed: false,
    };
  });
  layers.push({
    kind: 'rest',
    name: null,
    installs: recipe.packages.map((p) => p.text),
    sizeBytes: null,
    reason: 'Your package list: a change to a package that is not above rebuilds and sends only this layer.',
    changed: false,
  });
  return { layers, note: null };
}
