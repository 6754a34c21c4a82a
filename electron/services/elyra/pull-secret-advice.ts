import { PULL_SECRET_MAX, type PullSecretAdvice } from '../../contract/domain/elyra-metadata';
import { parseImageReference } from '../reference/parse-image-reference';
import { DOCKER_HUB_SERVER_ADDRESS } from '../registry/registry-address';

// A private image can be pushed from the laptop but not pulled by the cluster that runs the
// pipeline: Kubernetes needs an image pull secret (type docker-registry) in the pipeline's
// namespace, and the runtime image names it in `pull_secret`. We cannot create it (we have no
// cluster access); we say what is needed and suggest a name that is valid for both Kubernetes and
// Elyra's schema.

function isDockerHub(registry: string | null): boolean {
  return registry === null || registry === '' || registry === 'docker.io' || registry === 'index.docker.io' || registry === 'registry-1.docker.io';
}

/** A registry host as a name part: 'quay.io' → 'quay-io', 'localhost:5000' → 'localhost-5000'. */
function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export interface PullSecretAdviceInput {
  /** Registry host; null or absent means "work it out from imageName" (and Docker Hub if none is written). */
  registry?: string | null;
  imageName: string;
}

export function suggestedPullSecretName(registry: string | null): string {
  const base = isDockerHub(registry) ? 'docker-hub' : slug(registry ?? '') || 'registry';
  const suffix = '-pull-secret';
  return `${base.slice(0, PULL_SECRET_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
}

export function pullSecretAdvice(input: PullSecretAdviceInput): PullSecretAdvice {
  let registry = input.registry ?? null;
  if (registry === null) {
    const parsed = parseImageReference(input.imageName);
    registry = parsed.ok ? parsed.reference.registry : null;
  }
  const hub = isDockerHub(registry);
  const secretName = suggestedPullSecretName(registry);
  const server = hub ? DOCKER_HUB_SERVER_ADDRESS : (registry ?? '');
  const where = hub ? 'Docker Hub' : registry;
  const message =
    `${input.imageName} is private, so the Kubernetes cluster that runs your pipelines needs a pull secret to download it. ` +
    `Ask your cluster administrator to create an image pull secret for ${where} named "${secretName}" in the namespace ` +
    `where your pipelines run (the command below does it), then enter "${secretName}" as this runtime image's pull secret.`;
  const command =
    `kubectl create secret docker-registry ${secretName} --docker-server=${server} ` +
    `--docker-username=<username> --docker-password=<password-or-token> --namespace=<pipeline-namespace>`;
  return { secretName, server, message, command };
}
