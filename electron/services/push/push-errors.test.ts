import { parseRegistryAddress } from '../registry/registry-address';
import { classifyPushFailure, classifyPushMessage, registryWords } from './push-errors';
import { type RecordingEngine, type Scenario, recordedPush } from './testing/recorded-push';

function contextFor(host: string, path: string) {
  const parsed = parseRegistryAddress(host);
  if (!parsed.ok) throw new Error(`bad address ${host}`);
  return { registry: parsed.address, repository: `${host}/${path}`, username: 'rib-pusher' };
}

/** The failure as the engine gave it: a thrown HTTP error (Podman) or the stream's error event (Docker). */
function recordedFailure(scenario: Scenario, engine: RecordingEngine): { thrown: Error & { statusCode?: number } } | { event: string } {
  const events = recordedPush(scenario, engine).events.map(({ event }) => event as Record<string, unknown>);
  const thrown = events.find((e) => 'thrown' in e)?.thrown as { statusCode: number; message: string } | undefined;
  if (thrown !== undefined) return { thrown: Object.assign(new Error(thrown.message), { statusCode: thrown.statusCode }) };
  const error = events.find((e) => typeof e.error === 'string')?.error;
  if (typeof error !== 'string') throw new Error(`${scenario} (${engine}) has no failure`);
  return { event: error };
}

function classifyRecorded(scenario: Scenario, engine: RecordingEngine, path: string) {
  const recorded = recordedPush(scenario, engine);
  const host = /localhost:\d+|127\.0\.0\.1:\d+/.exec(JSON.stringify(recorded.events))?.[0] ?? '127.0.0.1:5000';
  const context = contextFor(host, path);
  const failure = recordedFailure(scenario, engine);
  return 'thrown' in failure ? classifyPushFailure(failure.thrown, context) : classifyPushMessage(failure.event, context);
}

describe('push failures in the words of each engine', () => {
  it('Podman: a wrong password for a repository called rib/denied asks to log in again', () => {
    // Podman quotes the repository: "… exists in localhost:35273/rib/denied: authentication required".
    const error = classifyRecorded('wrong-password', 'podman', 'rib/denied');
    expect(error.code).toBe('login-required');
    expect(error.message).toMatch(/did not accept the saved login of rib-pusher\. Log in again/);
    expect(error.detail).toContain('authentication required');
  });

  it('Podman: a good login the registry refuses (403 on the manifest) is push-denied', () => {
    expect(classifyRecorded('push-denied', 'podman', 'rib/refused').code).toBe('push-denied');
  });

  it('Docker 20.10: the same two cases, in its words', () => {
    expect(classifyRecorded('wrong-password', 'docker20', 'rib/python').code).toBe('login-required');
    expect(classifyRecorded('push-denied', 'docker20', 'rib/refused').code).toBe('push-denied');
  });

  it.each([
    ['team/unauthorized-tools', 'denied: requested access to the resource is denied', 'push-denied'],
    ['team/forbidden', 'unauthorized: authentication required', 'login-required'],
    ['team/tls-certificate', 'writing blob: connection refused', 'registry-down'],
  ])('the words of a repository named %s do not decide: "%s" → %s', (path, registryAnswer, code) => {
    const context = contextFor('localhost:5000', path);
    const message = `checking whether a blob exists in ${context.repository}: ${registryAnswer}`;
    expect(classifyPushMessage(message, context).code).toBe(code);
  });

  it('registryWords takes out the repository with and without its registry', () => {
    const context = contextFor('localhost:5000', 'rib/denied');
    expect(registryWords('exists in localhost:5000/rib/denied: authentication required; rib/denied', context)).toBe(
      'exists in <repository>: authentication required; <repository>',
    );
  });
});
