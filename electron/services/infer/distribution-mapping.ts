/**
 * From what the code imports to what pip installs. The names differ often enough (`sklearn` is
 * scikit-learn, `cv2` is opencv-python) that guessing the import name as the distribution name
 * would build broken images. Layers, most specific first:
 *  1. entries written by hand (`curated-import-names.ts`), matched on the longest dotted prefix
 *     (`google.cloud.storage` before `google`), and the table of the most downloaded
 *     distributions' top-level modules (`import-name-table.ts`);
 *  2. naming conventions of namespace families (`google.cloud.x` → google-cloud-x, `flask_x` → flask-x);
 *  3. the import name itself, PEP 503-normalised: certain for names listed as published under
 *     that name, a guess otherwise.
 * An import name that several distributions install carries them all as candidates.
 */

import type { DistributionCandidate } from '../../contract/domain/infer';
import { CHOICES, EXPLICIT, SAME_NAME } from './curated-import-names';
import { isTableSameName, tableDistributions } from './import-name-table';
import { normalizeName } from './normalize-name';

export { normalizeName };

export type MappingKind = 'mapping' | 'pattern' | 'identity';

export interface DistributionGuess {
  distribution: string;
  kind: MappingKind;
  /** True for listed entries and same-name distributions: the name is known, not guessed. */
  known: boolean;
  /** The import path (or prefix) the guess rests on, e.g. `sklearn` or `google.cloud.storage`. */
  importName: string;
  note: string | null;
  /** Every distribution that installs `importName`, the recommended one (`distribution`) first; empty when only one does. */
  candidates: DistributionCandidate[];
  /** No candidate is a safe default: the user has to pick. */
  mustChoose: boolean;
}

interface ExplicitEntry {
  distribution: string;
  note: string | null;
}

const explicitByPath = new Map<string, ExplicitEntry>(EXPLICIT.map(([path, distribution, note]) => [path, { distribution, note: note ?? null }]));
const sameName = new Set(SAME_NAME.map((name) => normalizeName(name)));
const noteByDistribution = new Map<string, string>([
  ...Object.values(CHOICES).flatMap((choice) =>
    choice.mustChoose === true
      ? []
      : choice.candidates.flatMap(([distribution, note]) => (note === null ? [] : [[normalizeName(distribution), note] as const])),
  ),
  ...EXPLICIT.flatMap(([, distribution, note]) => (note === undefined ? [] : [[normalizeName(distribution), note] as const])),
]);

/** The caveat we know for a distribution, however it was named (import or `%pip install`). */
export function distributionNote(distribution: string): string | null {
  return noteByDistribution.get(normalizeName(distribution)) ?? null;
}

export function guessDistribution(resolutionPath: string): DistributionGuess {
  const parts = resolutionPath.split('.');
  const explicit = explicitMatch(parts);
  const pattern = namespaceConvention(parts);
  // Longest match wins across both layers: `llama_index.llms.openai` follows the family's
  // convention even though `llama_index` alone has an entry. On a tie the entry wins.
  if (explicit !== null && (pattern === null || segments(explicit) >= segments(pattern))) return withCandidates(explicit);
  if (pattern !== null) return pattern;
  const top = parts[0] ?? resolutionPath;
  return withCandidates({
    distribution: normalizeName(top),
    kind: 'identity',
    known: sameName.has(normalizeName(top)) || isTableSameName(top),
    importName: top,
    note: null,
    candidates: [],
    mustChoose: false,
  });
}

function explicitMatch(parts: readonly string[]): DistributionGuess | null {
  const found = (distribution: string, importName: string, note: string | null, kind: MappingKind = 'mapping'): DistributionGuess => ({
    distribution,
    kind,
    known: true,
    importName,
    note,
    candidates: [],
    mustChoose: false,
  });
  for (let length = parts.length; length > 0; length--) {
    const prefix = parts.slice(0, length).join('.');
    const entry = explicitByPath.get(prefix);
    if (entry !== undefined) return found(entry.distribution, prefix, entry.note);
  }
  const top = parts[0] ?? '';
  const choice = CHOICES[top];
  const first = choice?.candidates[0]?.[0] ?? tableDistributions(top)?.[0];
  if (first === undefined) return null;
  return found(first, top, choice?.note ?? null, normalizeName(first) === normalizeName(top) ? 'identity' : 'mapping');
}

/** The other distributions that install the same import name, from the hand-written choices or the table. */
function withCandidates(guess: DistributionGuess): DistributionGuess {
  const choice = CHOICES[guess.importName];
  if (choice !== undefined) {
    const candidates = choice.candidates.map(([distribution, note]) => ({ distribution, note }));
    const distribution = choice.mustChoose === true ? guess.distribution : (candidates[0]?.distribution ?? guess.distribution);
    return { ...guess, distribution, candidates, mustChoose: choice.mustChoose === true };
  }
  const listed = tableDistributions(guess.importName);
  if (listed === null || listed.length < 2) return guess;
  const others = listed.filter((name) => normalizeName(name) !== normalizeName(guess.distribution));
  const candidates = [guess.distribution, ...others].map((distribution) => ({ distribution, note: distributionNote(distribution) }));
  return { ...guess, candidates };
}

function segments(guess: DistributionGuess): number {
  return guess.importName.split('.').length;
}

// Azure namespaces whose distributions take the next segment too (azure.storage.blob → azure-storage-blob).
const AZURE_THREE_PART = new Set(['storage', 'mgmt', 'keyvault', 'ai', 'data', 'monitor', 'search', 'messaging']);

function namespaceConvention(parts: readonly string[]): DistributionGuess | null {
  const [first, second, third] = parts;
  const dashed = (...names: string[]): string => names.map((name) => name.replace(/_/g, '-')).join('-');
  const guess = (distribution: string, length: number): DistributionGuess => ({
    distribution,
    kind: 'pattern',
    known: false,
    importName: parts.slice(0, length).join('.'),
    note: null,
    candidates: [],
    mustChoose: false,
  });
  if (first === 'google' && second === 'cloud' && third !== undefined) {
    // Versioned API modules (`pubsub_v1`, `tasks_v2beta3`) ship in the unversioned distribution.
    return guess(`google-cloud-${dashed(third.replace(/_v\d+(?:(?:alpha|beta|p)\d*)*$/, ''))}`, 3);
  }
  if (first === 'google' && second !== undefined && second !== 'cloud') return guess(`google-${dashed(second)}`, 2);
  if (first === 'azure' && second !== undefined) {
    return AZURE_THREE_PART.has(second) && third !== undefined ? guess(`azure-${dashed(second, third)}`, 3) : guess(`azure-${dashed(second)}`, 2);
  }
  if (first === 'llama_index' && second !== undefined && third !== undefined) {
    return guess(`llama-index-${dashed(second, third)}`, 3);
  }
  if (first === 'opentelemetry' && (second === 'instrumentation' || second === 'exporter') && third !== undefined) {
    return guess(`opentelemetry-${second}-${dashed(third)}`, 3);
  }
  if (first === 'sphinxcontrib' && second !== undefined) return guess(`sphinxcontrib-${dashed(second)}`, 2);
  if ((first === 'jaraco' || first === 'zope' || first === 'backports') && second !== undefined) {
    return guess(`${first}.${second}`, 2);
  }
  if (first !== undefined && /^flask_\w+$/.test(first)) return guess(dashed(first), 1);
  return null;
}
