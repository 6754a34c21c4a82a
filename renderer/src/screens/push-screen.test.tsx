import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { LoginRecord } from '../../../electron/contract/domain/registry';
import type { PushProgress } from '../../../electron/contract/domain/job';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { deferred, fakeBridge, type FakeBridge, installBridge, jobSnapshot } from '../testing/fake-bridge';
import { buildablePlan, renderScreen, testRecipe } from '../testing/render';
import { PushScreen } from './push-screen';

const login: LoginRecord = {
  registry: { kind: 'other', host: '127.0.0.1:5000', serverAddress: '127.0.0.1:5000', scheme: 'http', displayName: '127.0.0.1:5000' },
  username: 'testuser',
  loggedInAt: 0,
  storage: 'keychain',
  secretKind: 'password',
  dockerSource: null,
};
const REF = '127.0.0.1:5000/alice/tools:1.0';
const DIGEST = `sha256:${'a'.repeat(64)}`;

function progress(percent: number, phase: PushProgress['phase'] = 'pushing'): PushProgress {
  return {
    kind: 'push',
    bytesSent: percent * 1000,
    bytesTotal: 100_000,
    percent,
    bytesPerSecond: 5000,
    etaSeconds: 3,
    layers: [],
    phase,
    layersDone: 0,
    layersTotal: 2,
    totalKnown: true,
    message: null,
  };
}

function pushBridge(overrides: Parameters<typeof fakeBridge>[0] = {}): FakeBridge {
  return installBridge(
    fakeBridge({
      'recipe:plan': () => buildablePlan,
      'registry:logins': () => ({ logins: [login], offers: [] }),
      'job:list': () => [],
      'job:get': ({ id }) => ({ snapshot: jobSnapshot({ id, kind: 'push', subject: { image: 'alice/tools:1.0', reference: REF } }), log: [] }),
      'push:suggest-reference': ({ image }) => ({ ok: true, reference: `127.0.0.1:5000/${image}` }),
      'push:start': ({ image, reference }) => jobSnapshot({ id: 'p1', kind: 'push', subject: { image, reference } }),
      ...overrides,
    }),
  );
}

function renderPush(goTo = vi.fn(), recipe = testRecipe) {
  renderScreen(<PushScreen onGoTo={goTo} initialImage={null} onAddToElyra={vi.fn()} />, recipe);
  return goTo;
}

describe('Push screen', () => {
  it('walks the flow: the name for the registry is suggested, Push starts the job, progress streams in, the result offers Elyra', async () => {
    const bridge = pushBridge();
    renderPush();
    const pushAs = screen.getByRole('textbox', { name: 'Push as' });
    await waitFor(() => expect(pushAs).toHaveValue(REF));
    await userEvent.click(screen.getByRole('button', { name: 'Push' }));
    expect(bridge.callsTo('push:start')).toEqual([{ image: 'alice/tools:1.0', reference: REF }]);
    await waitFor(() => expect(bridge.callsTo('job:get')).toEqual([{ id: 'p1' }]));

    const running = jobSnapshot({ id: 'p1', kind: 'push', progress: progress(42), logLength: 1 });
    act(() => bridge.emit('job:update', { snapshot: running, logFrom: 0, appendedLog: ['Pushing layer 1'] }));
    expect(await screen.findByText('Pushing: 42%')).toBeVisible();
    expect(screen.getByLabelText('Push figures')).toHaveTextContent('42 KB of 100 KB');
    expect(screen.getByRole('button', { name: 'Cancel push' })).toBeVisible();

    const result = { reference: REF, digest: DIGEST, size: 1234, pinned: `127.0.0.1:5000/alice/tools@${DIGEST}`, layersPushed: 2, layersReused: 0 };
    const done = { ...running, status: 'succeeded' as const, endedAt: 9_000, progress: progress(100, 'done'), result };
    act(() => bridge.emit('job:update', { snapshot: done, logFrom: 1, appendedLog: [] }));
    const pushed = await screen.findByRole('status', { name: 'Pushed' });
    expect(pushed).toHaveTextContent(`127.0.0.1:5000/alice/tools@${DIGEST}`);
    expect(within(pushed).getByRole('button', { name: 'Next: Use in Elyra' })).toBeVisible();
    expect(screen.queryByRole('button', { name: 'Cancel push' })).toBeNull();
  });

  it('typing the image asks for a name once per pause, and a late answer for an older name is dropped', async () => {
    const answers: Record<string, ReturnType<typeof deferred<{ ok: true; reference: string }>>> = {};
    const bridge = pushBridge({
      'push:suggest-reference': ({ image }) => {
        answers[image] = deferred();
        return answers[image].promise;
      },
    });
    renderPush();
    const local = screen.getByRole('textbox', { name: /Local image/ });
    await waitFor(() => expect(answers['alice/tools:1.0']).toBeDefined());
    await userEvent.clear(local);
    await userEvent.type(local, 'team/new:2');
    await waitFor(() => expect(answers['team/new:2']).toBeDefined());
    // Far fewer calls than keystrokes: only where typing paused.
    expect(bridge.callsTo('push:suggest-reference').length).toBeLessThan(4);
    await act(async () => answers['team/new:2']?.resolve({ ok: true, reference: '127.0.0.1:5000/team/new:2' }));
    await act(async () => answers['alice/tools:1.0']?.resolve({ ok: true, reference: REF }));
    expect(screen.getByRole('textbox', { name: 'Push as' })).toHaveValue('127.0.0.1:5000/team/new:2');
  });

  it('a push that cannot start for want of a login says so, and "Log in again" opens the Registry step', async () => {
    pushBridge({
      'push:start': () => {
        throw new AppError(ErrorCodes.loginRequired, 'There is no saved login for 127.0.0.1:5000.');
      },
    });
    const goTo = renderPush();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Push as' })).toHaveValue(REF));
    await userEvent.click(screen.getByRole('button', { name: 'Push' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The push could not start');
    expect(alert).toHaveTextContent('There is no saved login for 127.0.0.1:5000.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Log in again' }));
    expect(goTo).toHaveBeenCalledWith('registry');
  });

  it('a failed push shows the engine’s reason with Retry, and Retry pushes the same image again', async () => {
    const bridge = pushBridge({
      'job:list': () => [jobSnapshot({ id: 'p0', kind: 'push', status: 'failed', subject: { image: 'alice/tools:1.0', reference: REF } })],
      'job:get': ({ id }) => ({
        snapshot: jobSnapshot({
          id,
          kind: 'push',
          status: 'failed',
          endedAt: 2_000,
          subject: { image: 'alice/tools:1.0', reference: REF },
          error: { code: 'registry-down', message: '127.0.0.1:5000 stopped answering.' },
        }),
        log: [],
      }),
    });
    renderPush();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The registry does not answer');
    expect(alert).toHaveTextContent('127.0.0.1:5000 stopped answering.');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(bridge.callsTo('push:start')).toEqual([{ image: 'alice/tools:1.0', reference: REF }]);
  });

  it('an engine that reports nothing until the end (Podman): the time so far and a moving bar, then no "0 layers"', async () => {
    const bridge = pushBridge();
    renderPush();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Push as' })).toHaveValue(REF));
    await userEvent.click(screen.getByRole('button', { name: 'Push' }));
    const silent = { ...progress(0, 'preparing'), bytesSent: 0, bytesTotal: 0, layersTotal: 0 };
    const running = jobSnapshot({ id: 'p1', kind: 'push', startedAt: Date.now() - 42_000, progress: silent });
    act(() => bridge.emit('job:update', { snapshot: running, logFrom: 0, appendedLog: [] }));
    await waitFor(() => expect(screen.getByLabelText('Push figures')).toHaveTextContent('this engine reports no progress until the push is done'));
    expect(screen.getByLabelText('Push figures')).toHaveTextContent(/^Uploading for 4\d s/);
    expect(screen.getByLabelText('Push progress')).toHaveAttribute('aria-valuenow', '100');

    const result = { reference: REF, digest: DIGEST, size: 1234, pinned: `127.0.0.1:5000/alice/tools@${DIGEST}`, layersPushed: 0, layersReused: 0 };
    act(() =>
      bridge.emit('job:update', {
        snapshot: { ...running, status: 'succeeded', endedAt: Date.now(), progress: { ...silent, percent: 100, phase: 'done' }, result },
        logFrom: 0,
        appendedLog: [],
      }),
    );
    const pushed = await screen.findByRole('status', { name: 'Pushed' });
    expect(pushed).toHaveTextContent('The engine did not say which layers it sent.');
    expect(pushed).not.toHaveTextContent('0 layers');
    expect(screen.getByLabelText('Push figures')).toHaveTextContent(/^Sent in 4\d s; the engine did not report sizes$/);
  });

  it('a window opened after the push (notification, tray) shows what was pushed where, not empty fields', async () => {
    pushBridge({
      'job:list': () => [jobSnapshot({ id: 'p0', kind: 'push', status: 'succeeded' })],
      'job:get': ({ id }) => ({
        snapshot: jobSnapshot({ id, kind: 'push', status: 'cancelled', subject: { image: 'team/other:2', reference: '127.0.0.1:5000/team/other:2' } }),
        log: [],
      }),
      'push:suggest-reference': () => ({ ok: true, reference: 'not this one' }),
    });
    renderPush(vi.fn(), { ...testRecipe, imageName: '' });
    await waitFor(() => expect(screen.getByRole('textbox', { name: /Local image/ })).toHaveValue('team/other:2'));
    expect(screen.getByRole('textbox', { name: 'Push as' })).toHaveValue('127.0.0.1:5000/team/other:2');
  });
});
