import { PULL_SECRET_MAX, PULL_SECRET_PATTERN } from '../../contract/domain/elyra-metadata';
import { pullSecretAdvice, suggestedPullSecretName } from './pull-secret-advice';

describe('pullSecretAdvice', () => {
  it.each([
    [{ imageName: 'quay.io/alice/pandas:1.0' }, 'quay-io-pull-secret', 'quay.io'],
    [{ imageName: 'alice/pandas:1.0' }, 'docker-hub-pull-secret', 'https://index.docker.io/v1/'],
    [{ imageName: 'docker.io/alice/pandas' }, 'docker-hub-pull-secret', 'https://index.docker.io/v1/'],
    [{ imageName: 'localhost:5000/x/y:1' }, 'localhost-5000-pull-secret', 'localhost:5000'],
    [{ registry: 'GHCR.io', imageName: 'ghcr.io/a/b' }, 'ghcr-io-pull-secret', 'GHCR.io'],
    [{ registry: 'Registry.Example.COM:8443', imageName: 'whatever' }, 'registry-example-com-8443-pull-secret', 'Registry.Example.COM:8443'],
  ])('%o → %s', (input, secretName, server) => {
    const advice = pullSecretAdvice(input);
    expect(advice.secretName).toBe(secretName);
    expect(advice.secretName).toMatch(PULL_SECRET_PATTERN);
    expect(advice.server).toBe(server);
    expect(advice.message).toContain('pull secret');
    expect(advice.message).toContain(`"${secretName}"`);
    expect(advice.command).toBe(
      `kubectl create secret docker-registry ${secretName} --docker-server=${server} --docker-username=<username> --docker-password=<password-or-token> --namespace=<pipeline-namespace>`,
    );
  });

  it('keeps even absurd registry names valid', () => {
    for (const registry of ['x'.repeat(400), '---', '[::1]:5000', 'ÄÖ.example']) {
      const name = suggestedPullSecretName(registry);
      expect(name, registry).toMatch(PULL_SECRET_PATTERN);
      expect(name.length).toBeLessThanOrEqual(PULL_SECRET_MAX);
    }
  });
});
