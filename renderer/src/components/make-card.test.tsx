import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MakeProgress } from '../../../electron/contract/domain/job';
import type { LoginRecord } from '../../../electron/contract/domain/registry';
import { fakeBridge, type FakeBridge, installBridge, jobSnapshot } from '../testing/fake-bridge';
import { buildablePlan, renderScreen, testRecipe } from '../testing/render';
import { MakeCard } from './make-card';

const login: LoginRecord = {
  registry: { kind: 'other', host: '127.0.0.1:5000', serverAddress: '127.0.0.1:5000', scheme: 'http', displayName: '127.0.0.1:5000' },
  username: 'testuser',
  loggedInAt: 0,
  storage: 'keychain',
  secretKind: 'password',
  dockerSource: null,
};
const SUGGESTED = '127.0.0.1:5000/testuser/elyra-pandas:2026.12.07';
const elyraPlan = (exists: boolean) => ({
  plan: {
    name: 'elyra-pandas_2026_12_07',
    directory: '/j/metadata/runtime-images',
    directorySource: 'JUPYTER_DATA_DIR' as const,
    path: '/j/metadata/runtime-images/elyra-pandas_2026_12_07.json',
    metadata: { display_name: 'elyra-pandas:2026.12.07', schema_name: 'runtime-image' as const, metadata: { image_name: SUGGESTED } },
    json: '{}',
    exists,
    refusal: null,
  },
  command: 'elyra-metadata create runtime-images …',
  pullSecret: null,
});

function steps(statuses: Array<MakeProgress['steps'][number]['status']>, current: MakeProgress['current'] = null): MakeProgress {
  const labels = ['Build and check', 'Try your notebooks', 'Push', 'Add to Elyra'] as const;
  const ids = ['build', 'try', 'push', 'elyra'] as const;
  return {
    kind: 'make',
    steps: ids.map((id, i) => ({ id, label: labels[i] ?? id, status: statuses[i] ?? 'waiting', detail: null })),
    percent: 40,
    current,
    kept: [],
  };
}

function makeBridge(exists = false): FakeBridge {
  return installBridge(
    fakeBridge({
      'recipe:plan': () => buildablePlan,
      'registry:logins': () => ({ logins: [login], offers: [] }),
      'settings:get': () => ({
        settings: {
          defaultRegistry: 'docker.io',
          defaultNamespace: '',
          elyraVersion: '4.1',
          pythonVersion: null,
          platform: 'linux/amd64',
          packageIndex: { indexUrl: 'https://pypi.org/simple', extraIndexUrls: [], trustedHosts: [] },
          buildNetwork: 'default',
          notifications: true,
          firstRunDone: true,
        },
        reset: [],
        message: null,
      }),
      'recipe:suggest-name': ({ owner }) => ({ name: `${owner ?? ''}/elyra-pandas:2026.12.07` }),
      'push:suggest-reference': ({ image }) => ({ ok: true, reference: image }),
      'elyra:plan': () => elyraPlan(exists),
      'job:list': () => [],
      'job:get': ({ id }) => ({ snapshot: jobSnapshot({ id, kind: 'make', subject: { image: SUGGESTED, reference: SUGGESTED } }), log: [] }),
      'make:start': () => jobSnapshot({ id: 'm1', kind: 'make', subject: { image: SUGGESTED, reference: SUGGESTED } }),
      'draft:save': () => ({ savedAt: '2026-12-07T00:00:00Z' }),
    }),
  );
}

describe('Build, push and add to Elyra', () => {
  it('fills every name from suggestions, starts one job with them, and shows its steps to the end', async () => {
    const bridge = makeBridge();
    renderScreen(<MakeCard onGoTo={vi.fn()} />, { ...testRecipe, imageName: '' });
    const card = screen.getByRole('region', { name: 'Build, push and add to Elyra' });
    await waitFor(() => expect(within(card).getByRole('textbox', { name: /Image name/ })).toHaveValue(SUGGESTED));
    await waitFor(() => expect(within(card).getByRole('textbox', { name: 'Push as' })).toHaveValue(SUGGESTED));
    expect(within(card).getByRole('textbox', { name: 'Name in Elyra' })).toHaveValue('elyra-pandas:2026.12.07');
    expect(card).toHaveTextContent('No notebooks opened with a path: the try is skipped.');
    const start = within(card).getByRole('button', { name: 'Build, push and add to Elyra' });
    await waitFor(() => expect(start).toBeEnabled());
    await userEvent.click(start);
    expect(bridge.callsTo('make:start')).toEqual([
      {
        recipe: expect.objectContaining({ imageName: SUGGESTED }),
        reference: SUGGESTED,
        notebooks: [],
        elyra: { displayName: 'elyra-pandas:2026.12.07', replace: false },
      },
    ]);

    const push = { kind: 'push' as const, bytesSent: 1, bytesTotal: 2, percent: 50, bytesPerSecond: 1, etaSeconds: 1, layers: [], phase: 'pushing' as const };
    const running = jobSnapshot({
      id: 'm1',
      kind: 'make',
      progress: steps(['done', 'skipped', 'running', 'waiting'], { ...push, layersDone: 0, layersTotal: 1, totalKnown: true, message: null }),
    });
    act(() => bridge.emit('job:update', { snapshot: running, logFrom: 0, appendedLog: [] }));
    expect(await within(card).findByText('Step 2 of 3: Push — 50% sent')).toBeVisible();
    expect(within(card).getByRole('listitem', { name: 'Try your notebooks: skipped' })).toBeVisible();
    expect(within(card).getByRole('button', { name: 'Cancel' })).toBeVisible();

    const pinned = `127.0.0.1:5000/testuser/elyra-pandas@sha256:${'b'.repeat(64)}`;
    const done = {
      ...running,
      status: 'succeeded' as const,
      endedAt: 5_000,
      progress: steps(['done', 'skipped', 'done', 'done']),
      result: {
        image: SUGGESTED,
        build: { build: {}, verify: {}, size: {} },
        try: null,
        push: { reference: SUGGESTED, digest: `sha256:${'b'.repeat(64)}`, size: 1, pinned, layersPushed: 1, layersReused: 0 },
        elyra: { path: '/j/x.json', replaced: false, name: 'x', displayName: 'elyra-pandas:2026.12.07', imageName: SUGGESTED },
      },
    };
    act(() => bridge.emit('job:update', { snapshot: done, logFrom: 0, appendedLog: [] }));
    expect(await within(card).findByText('Ready in Elyra')).toBeVisible();
    expect(within(card).getByRole('listitem', { name: 'Add to Elyra: done' })).toBeVisible();
  });

  it('says it replaces an Elyra entry of the same name, and asks for it', async () => {
    const bridge = makeBridge(true);
    renderScreen(<MakeCard onGoTo={vi.fn()} />, { ...testRecipe, imageName: SUGGESTED });
    const card = screen.getByRole('region', { name: 'Build, push and add to Elyra' });
    await waitFor(() => expect(card).toHaveTextContent('Replaces /j/metadata/runtime-images/elyra-pandas_2026_12_07.json'));
    const start = within(card).getByRole('button', { name: 'Build, push and add to Elyra' });
    await waitFor(() => expect(start).toBeEnabled());
    await userEvent.click(start);
    expect(bridge.callsTo('make:start')).toEqual([expect.objectContaining({ elyra: { displayName: 'elyra-pandas:2026.12.07', replace: true } })]);
  });

  it('without a login, it sends the user to the Registry step instead', async () => {
    makeBridge();
    const bridge = window.api as FakeBridge;
    bridge.answer('registry:logins', () => ({ logins: [], offers: [] }));
    const goTo = vi.fn();
    renderScreen(<MakeCard onGoTo={goTo} />);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Log in to a registry first');
    expect(screen.getByRole('button', { name: 'Build, push and add to Elyra' })).toBeDisabled();
    await userEvent.click(within(alert).getByRole('button', { name: 'Go to Registry' }));
    expect(goTo).toHaveBeenCalledWith('registry');
  });
});
