import { z } from 'zod';
import type { NewHistoryEntry } from '../../contract/domain/history';
import { labelKeys } from '../recipe/image-labels';

/** What the engine says about the pushed image (dockerode's inspect, the parts used). */
export interface PushedImage {
  labels: Readonly<Record<string, string>>;
  architecture: string | undefined;
  sizeBytes: number | null;
}

export interface PushOutcome {
  /** The reference pushed to, and the local image it came from. */
  reference: string;
  source: string;
  result: 'succeeded' | 'failed' | 'cancelled';
  digest: string | null;
  error: string | null;
}

/**
 * A push as a history entry. The packages, Python, Elyra release and base come from the labels the
 * build wrote into the image (services/recipe/image-labels.ts), so a push of an image built
 * elsewhere still says what it holds when it can, and 'unknown' when it cannot.
 */
export function pushHistoryEntry(image: PushedImage, outcome: PushOutcome): NewHistoryEntry {
  const { labels } = image;
  return {
    kind: 'push',
    image: outcome.reference,
    source: outcome.source,
    digest: outcome.digest,
    packages: packagesLabel(labels[labelKeys.packages]),
    python: labels[labelKeys.python] || 'unknown',
    elyraVersion: labels[labelKeys.elyraVersion] ?? 'unknown',
    base: labels[labelKeys.base] ?? 'unknown',
    platform: image.architecture === 'arm64' ? 'linux/arm64' : 'linux/amd64',
    sizeBytes: image.sizeBytes,
    result: outcome.result,
    error: outcome.error,
    lock: null,
    recipe: null,
  };
}

/** The packages label is a JSON list of requirement lines; anything else reads as none. */
function packagesLabel(label: string | undefined): string[] {
  try {
    const parsed = z.array(z.string()).safeParse(JSON.parse(label ?? '[]'));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}
