import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, AppShell, Box, Center, Group, Loader, ScrollArea, Text, Title } from '@mantine/core';
import type { Recipe } from '../../electron/contract/domain/recipe';
import { StepNav } from './components/step-nav';
import { DropOverlay } from './components/drop-overlay';
import { EngineScreen } from './screens/engine-screen';
import { PackagesScreen } from './screens/packages-screen';
import { BaseScreen } from './screens/base-screen';
import { isScreenId, type ScreenId } from './steps';
import { SettingsScreen } from './screens/settings-screen';
import { BuildScreen } from './screens/build-screen';
import { RegistryScreen } from './screens/registry-screen';
import { PushScreen } from './screens/push-screen';
import { ElyraScreen } from './screens/elyra-screen';
import { HistoryScreen } from './screens/history-screen';
import { FirstRun } from './components/first-run';
import { call, errorMessage, subscribe, toAppError } from './lib/api';
import type { AppError } from '../../electron/contract/errors';
import { useAction, useRequest } from './lib/use-request';
import { ErrorNotice } from './components/error-notice';
import { RecipeProvider, useRecipe } from './state/recipe-provider';

interface Handoff {
  /** The local image a history action hands to Push. */
  push: string | null;
  /** The pushed reference a finished push or a history entry hands to Use in Elyra (never a local name). */
  elyra: string | null;
}

function Screen({ id, onGoTo, handoff, setHandoff }: { id: ScreenId; onGoTo: (id: ScreenId) => void; handoff: Handoff; setHandoff: (h: Handoff) => void }) {
  switch (id) {
    case 'engine':
      return <EngineScreen onGoTo={onGoTo} />;
    case 'packages':
      return <PackagesScreen onGoTo={onGoTo} />;
    case 'base':
      return <BaseScreen onGoTo={onGoTo} />;
    case 'build':
      return <BuildScreen onGoTo={onGoTo} />;
    case 'registry':
      return <RegistryScreen onGoTo={onGoTo} />;
    case 'push':
      return (
        <PushScreen
          key={handoff.push ?? ''}
          onGoTo={onGoTo}
          initialImage={handoff.push}
          onAddToElyra={(image) => {
            setHandoff({ ...handoff, elyra: image });
            onGoTo('elyra');
          }}
        />
      );
    case 'elyra':
      return <ElyraScreen key={handoff.elyra ?? ''} initialImage={handoff.elyra} onGoTo={onGoTo} />;
    case 'history':
      return (
        <HistoryScreen
          actions={{
            rebuild: () => onGoTo('build'),
            push: (image) => {
              setHandoff({ ...handoff, push: image });
              onGoTo('push');
            },
            addToElyra: (image) => {
              setHandoff({ ...handoff, elyra: image });
              onGoTo('elyra');
            },
          }}
        />
      );
    case 'settings':
      return <SettingsScreen />;
    default:
      return null;
  }
}

function Shell({ restoredAt }: { restoredAt: string | null }) {
  const [screen, setScreen] = useState<ScreenId>('engine');
  const [handoff, setHandoff] = useState<Handoff>({ push: null, elyra: null });
  const [banner, setBanner] = useState<string | null>(
    restoredAt ? `Welcome back: your recipe is as you left it (saved ${new Date(restoredAt).toLocaleString()}).` : null,
  );
  const settings = useRequest(() => call('settings:get', {}), []);
  const [settingsNoteDismissed, setSettingsNoteDismissed] = useState(false);
  const settingsNote = settingsNoteDismissed ? null : (settings.data?.message ?? null);
  const [firstRunDismissed, setFirstRunDismissed] = useState(false);
  const firstRun = !firstRunDismissed && settings.data !== null && !settings.data.settings.firstRunDone;
  const firstRunSaver = useAction(() => call('settings:update', { patch: { firstRunDone: true } }));
  const finishFirstRun = () => {
    setFirstRunDismissed(true);
    void firstRunSaver.run();
  };
  const [pendingFilesError, setPendingFilesError] = useState<AppError | null>(null);
  const { openPaths, openDropped, revealMissing, planError, replan } = useRecipe();
  // The welcome is for the start: it goes once the user moves on. Leaving Base is trying to go on,
  // so what is still empty there is marked from then on.
  const previousScreen = useRef(screen);
  useEffect(() => {
    if (previousScreen.current === screen) return;
    if (previousScreen.current === 'base') revealMissing();
    previousScreen.current = screen;
    setBanner(null);
  }, [screen, revealMissing]);

  useEffect(() => {
    const unsubscribe = subscribe('app:navigate', ({ screen: target }) => {
      if (isScreenId(target)) setScreen(target);
    });
    // A window reopened for a job that went on without it (notification, tray) opens on that job;
    // the user came back for its result, not to be welcomed back to the recipe.
    call('app:take-pending-screen', {}).then(
      ({ screen: target }) => {
        if (target === null || !isScreenId(target)) return;
        setScreen(target);
        setBanner(null);
      },
      // Without it the window opens on its first screen, as it does when no job is waiting: nothing is lost.
      () => undefined,
    );
    return unsubscribe;
  }, []);
  // Files from File › Open, the dock icon, the command line or a second instance.
  useEffect(() => {
    const open = (paths: string[]) => {
      if (paths.length === 0) return;
      setScreen('packages');
      void openPaths(paths);
    };
    const unsubscribe = subscribe('app:open-files', ({ paths }) => open(paths));
    // Files the app was started with (or given before this window listened) wait in main until asked for.
    // Every answer is used, not only the latest: files taken from main are nowhere else.
    call('app:take-pending-files', {}).then(
      ({ paths }) => open(paths),
      (error: unknown) => setPendingFilesError(toAppError(error)),
    );
    return unsubscribe;
  }, [openPaths]);
  const onDrop = useCallback(
    (files: File[]) => {
      setScreen('packages');
      void openDropped(files);
    },
    [openDropped],
  );

  return (
    <AppShell navbar={{ width: 240, breakpoint: 0 }} header={{ height: 52 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="xs">
          <Title order={1} size="h4">
            Runtime Image Builder
          </Title>
          <Text size="sm" c="dimmed">
            custom runtime images for Elyra
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar aria-label="Steps">
        {/* Scrolls on its own: at the smallest window the places under the journey are still reachable. */}
        <AppShell.Section grow component={ScrollArea} type="auto" p="sm">
          <StepNav
            active={screen}
            onSelect={(id) => {
              // The sidebar opens a step for the recipe, not for whatever a history action handed over earlier.
              setHandoff({ push: null, elyra: null });
              setScreen(id);
            }}
          />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        {settingsNote ? (
          <Alert color="orange" role="alert" mb="md" withCloseButton onClose={() => setSettingsNoteDismissed(true)} closeButtonLabel="Dismiss">
            {settingsNote}
          </Alert>
        ) : null}
        {settings.error ? (
          <Box mb="md">
            <ErrorNotice error={settings.error} title="Your settings could not be read; the app uses its defaults" onRetry={settings.reload} />
          </Box>
        ) : null}
        {planError ? (
          <Box mb="md">
            <ErrorNotice error={planError} title="Your recipe could not be checked" onRetry={replan} />
          </Box>
        ) : null}
        {firstRunSaver.error ? (
          <Box mb="md">
            <ErrorNotice error={firstRunSaver.error} title="The app could not note that you have seen the welcome" onRetry={() => void firstRunSaver.run()} />
          </Box>
        ) : null}
        {pendingFilesError ? (
          <Box mb="md">
            <ErrorNotice error={pendingFilesError} title="The files the app was opened with could not be read" />
          </Box>
        ) : null}
        {banner ? (
          <Alert color="blue" role="status" mb="md" withCloseButton onClose={() => setBanner(null)} closeButtonLabel="Dismiss">
            {banner}
          </Alert>
        ) : null}
        <Screen id={screen} onGoTo={setScreen} handoff={handoff} setHandoff={setHandoff} />
      </AppShell.Main>
      <DropOverlay onDrop={onDrop} />
      <FirstRun opened={firstRun} onDone={finishFirstRun} />
    </AppShell>
  );
}

/** The draft the user left (quit, crash, reboot), else a new recipe from their preferences. */
async function startingRecipe(): Promise<{ recipe: Recipe; restoredAt: string | null }> {
  const draft = await call('draft:load', {});
  if (draft.recipe) return { recipe: draft.recipe, restoredAt: draft.savedAt };
  return { recipe: await call('recipe:default', {}), restoredAt: null };
}

export function App() {
  const [initial, setInitial] = useState<{ recipe: Recipe; restoredAt: string | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    startingRecipe().then(setInitial, (e: unknown) => setError(errorMessage(e)));
  }, []);
  if (error) {
    return (
      <Center h="100vh">
        <Alert color="red" title="The app could not start" role="alert">
          {error}
        </Alert>
      </Center>
    );
  }
  if (!initial) {
    return (
      <Center h="100vh">
        <Loader aria-label="Starting" />
      </Center>
    );
  }
  return (
    <RecipeProvider initial={initial.recipe}>
      <Shell restoredAt={initial.restoredAt} />
    </RecipeProvider>
  );
}
