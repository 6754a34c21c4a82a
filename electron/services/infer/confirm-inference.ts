import type { InferenceResult, InferredPackage } from '../../contract/domain/infer';
import { normalizeName } from './distribution-mapping';
import { confirmWithIndex, type ConfirmWithIndexOptions, type IndexConfirmation, type NameStatus } from './package-index';

/** Checks every inferred distribution against the index and folds the answers into the result. */
export async function confirmInference(result: InferenceResult, options: ConfirmWithIndexOptions): Promise<InferenceResult> {
  // Candidates too: a mirror without the recommended build may have another one.
  const names = [...result.packages, ...result.unknown].flatMap((pkg) => [pkg.distribution, ...pkg.candidates.map((c) => c.distribution)]);
  const confirmation = await confirmWithIndex(names, options);
  return applyIndexConfirmation(result, confirmation);
}

/** When the index lacks the recommended candidate but has another, that other one is proposed. */
function firstCandidateOnIndex(pkg: InferredPackage, statuses: ReadonlyMap<string, NameStatus>): InferredPackage {
  if (pkg.candidates.length === 0 || statuses.get(normalizeName(pkg.distribution)) !== 'not-found') return pkg;
  const available = pkg.candidates.find((candidate) => statuses.get(normalizeName(candidate.distribution)) === 'found');
  if (available === undefined) return pkg;
  return {
    ...pkg,
    distribution: available.distribution,
    requirement: pkg.requirement === pkg.distribution ? available.distribution : pkg.requirement,
    candidates: [available, ...pkg.candidates.filter((candidate) => candidate !== available)],
  };
}

/**
 * A name the index has makes an unmapped guess good enough to propose; a name it lacks goes to
 * the user whatever the mapping said (a private mirror may not carry it). No answer changes nothing.
 */
export function applyIndexConfirmation(result: InferenceResult, confirmation: IndexConfirmation): InferenceResult {
  const statuses = new Map(confirmation.results.map((entry) => [entry.normalized, entry.status]));
  const updated = [...result.packages, ...result.unknown].map((original): InferredPackage => {
    const pkg = firstCandidateOnIndex(original, statuses);
    const status = statuses.get(normalizeName(pkg.distribution));
    if (status === 'found') {
      return {
        ...pkg,
        indexStatus: 'found',
        reviewReason: pkg.reviewReason === 'unconfirmed-name' ? null : pkg.reviewReason,
      };
    }
    if (status === 'not-found') {
      return {
        ...pkg,
        indexStatus: 'not-found',
        confidence: 'low',
        reviewReason: pkg.reviewReason === 'unconfirmed-name' || pkg.reviewReason === null ? 'not-on-index' : pkg.reviewReason,
      };
    }
    return { ...pkg, indexStatus: status === undefined ? pkg.indexStatus : 'unknown' };
  });
  const byName = (a: InferredPackage, b: InferredPackage): number => normalizeName(a.distribution).localeCompare(normalizeName(b.distribution));
  const findings = confirmation.reachable
    ? result.findings
    : [
        ...result.findings,
        {
          kind: 'index-unreachable' as const,
          file: null,
          cell: null,
          line: null,
          message: confirmation.message ?? `The package index at ${confirmation.indexUrl} could not be reached.`,
        },
      ];
  return {
    ...result,
    packages: updated.filter((pkg) => pkg.reviewReason === null).sort(byName),
    unknown: updated.filter((pkg) => pkg.reviewReason !== null).sort(byName),
    findings,
    index: {
      indexUrl: confirmation.indexUrl,
      status: confirmation.reachable ? 'reachable' : 'unreachable',
      message: confirmation.message,
    },
  };
}
