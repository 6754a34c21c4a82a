import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import { fakeBridge, type FakeBridge, installBridge, jobSnapshot } from '../testing/fake-bridge';
import { buildablePlan, renderScreen, testRecipe } from '../testing/render';
import { BuildScreen } from './build-screen';

const JOB = '6f1b2c3d-0000-4000-8000-000000000001';

function buildBridge(overrides: Parameters<typeof fakeBridge>[0] = {}): FakeBridge {
  return installBridge(
    fakeBridge({
      'recipe:plan': () => buildablePlan,
      'recipe:python-fit': ({ recipe }) => ({ python: recipe.pythonVersion, pins: [], suggestion: null, summary: null, unreachable: null }),
      'job:list': () => [],
      'job:get': ({ id }) => ({ snapshot: jobSnapshot({ id, kind: 'build' }), log: [] }),
      'build:start': () => jobSnapshot({ id: JOB, kind: 'build', subject: { image: testRecipe.imageName, reference: null } }),
      'job:cancel': () => ({ cancelled: true }),
      ...overrides,
    }),
  );
}

function renderBuild() {
  const goTo = vi.fn();
  renderScreen(<BuildScreen onGoTo={goTo} />);
  return goTo;
}

describe('Build screen', () => {
  it('walks the flow: Build starts the job with the recipe, steps and log stream in, a failure names the package with Retry and the way to the packages', async () => {
    const bridge = buildBridge();
    const goTo = renderBuild();
    const build = await screen.findByRole('button', { name: 'Build alice/tools:1.0' });
    await waitFor(() => expect(build).toBeEnabled());
    await userEvent.click(build);
    expect(bridge.callsTo('build:start')).toEqual([{ recipe: testRecipe, noCache: false }]);

    const running = jobSnapshot({
      id: JOB,
      kind: 'build',
      progress: { kind: 'build', step: 2, totalSteps: 7, label: 'installing your packages' },
      logLength: 2,
    });
    act(() => bridge.emit('job:update', { snapshot: running, logFrom: 0, appendedLog: ['Step 1/7 : FROM python:3.12-slim', 'Step 2/7 : RUN pip install'] }));
    expect(await screen.findByText('Step 2 of 7: installing your packages')).toBeVisible();
    expect(screen.getByLabelText('Build progress')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeVisible();

    const failed = {
      ...running,
      status: 'failed' as const,
      endedAt: 5_000,
      error: { code: ErrorCodes.buildPackageNotFound, message: 'pip found no version of ribdemo-nowhere on the package index.' },
    };
    act(() => bridge.emit('job:update', { snapshot: failed, logFrom: 2, appendedLog: ['ERROR: No matching distribution found for ribdemo-nowhere'] }));
    const alert = await screen.findByRole('alert');
    expect(screen.getByText('Build failed')).toBeVisible();
    expect(alert).toHaveTextContent('A package was not found');
    expect(alert).toHaveTextContent('pip found no version of ribdemo-nowhere on the package index.');
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    await userEvent.click(within(alert).getByRole('button', { name: 'Change the packages' }));
    expect(goTo).toHaveBeenCalledWith('packages');
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(bridge.callsTo('build:start')).toHaveLength(2);
  });

  it('pins that do not fit the Python are named before the build, and "Use Python" switches to the one that fits', async () => {
    const bridge = buildBridge({
      'recipe:python-fit': ({ recipe }) =>
        recipe.pythonVersion === '3.12'
          ? {
              python: '3.12',
              pins: [
                {
                  name: 'torch',
                  version: '2.0.0',
                  where: 'line 3 of requirements.txt',
                  fit: 'none',
                  wheelPythons: ['3.11'],
                  message: 'torch==2.0.0 has nothing pip can install on Python 3.12 (x86_64). It has wheels for Python 3.11.',
                },
              ],
              suggestion: '3.11',
              summary: 'torch==2.0.0 does not install as a wheel on Python 3.12; Python 3.11 has wheels for every pin.',
              unreachable: null,
            }
          : { python: recipe.pythonVersion, pins: [], suggestion: null, summary: null, unreachable: null },
    });
    renderBuild();
    const alert = await screen.findByRole('alert', {}, { timeout: 3000 });
    expect(alert).toHaveTextContent('Pins that do not fit Python 3.12');
    expect(alert).toHaveTextContent(
      'line 3 of requirements.txt: torch==2.0.0 has nothing pip can install on Python 3.12 (x86_64). It has wheels for Python 3.11.',
    );
    await userEvent.click(within(alert).getByRole('button', { name: 'Use Python 3.11' }));
    await waitFor(() => expect(bridge.callsTo('recipe:python-fit').at(-1)).toMatchObject({ recipe: { pythonVersion: '3.11' } }), { timeout: 3000 });
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('a recipe with an error cannot be built, and says what to fix and where', async () => {
    buildBridge({
      'recipe:plan': () => ({
        ...buildablePlan,
        canBuild: false,
        findings: [
          { severity: 'error', code: 'image-name-missing', message: 'Give the image a name.', where: 'Image name', packageId: null, field: 'image-name' },
        ],
      }),
    });
    const goTo = renderBuild();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Image name: Give the image a name.');
    expect(screen.getByRole('button', { name: /^Build / })).toBeDisabled();
    await userEvent.click(within(alert).getByRole('button', { name: 'Go there' }));
    expect(goTo).toHaveBeenCalledWith('base');
  });

  it('a build the engine refuses to start says why, with the way to the engine', async () => {
    buildBridge({
      'build:start': () => {
        throw new AppError(ErrorCodes.engineUnavailable, 'No Docker engine answers on unix:///var/run/docker.sock.');
      },
    });
    const goTo = renderBuild();
    const build = await screen.findByRole('button', { name: 'Build alice/tools:1.0' });
    await waitFor(() => expect(build).toBeEnabled());
    await userEvent.click(build);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The build could not start');
    expect(alert).toHaveTextContent('No Docker engine answers on unix:///var/run/docker.sock.');
    expect(alert).toHaveTextContent('Start Docker');
    await userEvent.click(within(alert).getByRole('button', { name: 'Check the engine' }));
    expect(goTo).toHaveBeenCalledWith('engine');
  });

  it('Cancel asks main to cancel the running job; a cancel that fails says so', async () => {
    const bridge = buildBridge({
      'job:list': () => [jobSnapshot({ id: JOB, kind: 'build' })],
      'job:cancel': () => {
        throw new AppError(ErrorCodes.notFound, 'That build has already ended.');
      },
    });
    renderBuild();
    await userEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(bridge.callsTo('job:cancel')).toEqual([{ id: JOB }]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The build could not be cancelled');
    expect(alert).toHaveTextContent('That build has already ended.');
  });
});
