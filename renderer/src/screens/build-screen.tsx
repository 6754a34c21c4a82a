import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { IconHammer, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { BuildJobResult } from '../../../electron/contract/domain/build';
import { ImageSizeChart } from '../components/image-size-chart';
import { LogView } from '../components/log-view';
import { VerifyChecklist } from '../components/verify-checklist';
import { call, errorMessage } from '../lib/api';
import { lockFileName } from '../lib/names';
import { formatDuration } from '../../../electron/contract/figures';
import { useRecipe } from '../state/recipe-provider';
import { lockPatch } from '../state/recipe-state';
import { useJob } from '../state/use-job';
import { NextStepButton } from '../components/next-step-button';
import type { StepId } from '../steps';

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}

export function BuildScreen({ onGoTo }: { onGoTo: (screen: StepId) => void }) {
  const { state, plan, dispatch, revealMissing } = useRecipe();
  const job = useJob('build');
  const [startError, setStartError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const snapshot = job.snapshot;
  const running = snapshot?.status === 'running';
  const now = useNow(running);
  const result = snapshot?.status === 'succeeded' ? BuildJobResult.safeParse(snapshot.result) : null;
  const firstError = plan?.findings.find((f) => f.severity === 'error');
  // Reaching Build with something missing is trying to go on: the fields it names are marked from now on.
  useEffect(() => {
    if (firstError) revealMissing();
  }, [firstError, revealMissing]);

  const start = async (noCache: boolean) => {
    setStartError(null);
    setStarting(true);
    try {
      job.adopt(await call('build:start', { recipe: state.recipe, noCache }));
    } catch (error) {
      setStartError(errorMessage(error));
    } finally {
      setStarting(false);
    }
  };
  const [lockSaved, setLockSaved] = useState<string | null>(null);
  const saveLock = async (lines: string[]) => {
    const saved = await call('lock:save', { lines, name: lockFileName(state.recipe.imageName) });
    if (saved.path) setLockSaved(`Saved ${saved.path}`);
  };
  // An update, not a replace: the reducer applies the lock to the recipe as it is then, not as this render saw it.
  const rebuildExactly = (lines: string[]) => dispatch({ type: 'update', patch: lockPatch(lines, 'lock') });
  const cancel = () => {
    if (snapshot) void call('job:cancel', { id: snapshot.id });
  };
  const progress = snapshot?.progress?.kind === 'build' ? snapshot.progress : null;
  const elapsed = snapshot ? (snapshot.endedAt ?? now) - snapshot.startedAt : 0;

  return (
    <Stack maw={980} gap="lg">
      <div>
        <Title order={2}>Build and check</Title>
        <Text c="dimmed" size="sm">
          Builds {state.recipe.imageName || 'your image'} on your engine, then runs it once the way Elyra will.
        </Text>
      </div>
      {firstError ? (
        <Alert color="red" role="alert" title="Fix this before building">
          <Text size="sm">
            {firstError.where ? `${firstError.where}: ` : ''}
            {firstError.message}
          </Text>
          <Button mt="xs" size="xs" variant="light" onClick={() => onGoTo(firstError.field === 'packages' ? 'packages' : 'base')}>
            Go there
          </Button>
        </Alert>
      ) : null}
      <Group>
        <Button leftSection={<IconHammer size={16} />} onClick={() => void start(false)} disabled={!plan?.canBuild || running} loading={starting}>
          Build {state.recipe.imageName}
        </Button>
        <Button variant="default" onClick={() => void start(true)} disabled={!plan?.canBuild || running}>
          Rebuild without the cache
        </Button>
        {running ? (
          <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={cancel}>
            Cancel
          </Button>
        ) : null}
      </Group>
      {startError ? (
        <Alert color="red" role="alert" title="The build could not start">
          {startError}
        </Alert>
      ) : null}
      {snapshot ? (
        <Card withBorder>
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600} role="status" aria-live="polite">
                {running && progress
                  ? `Step ${progress.step} of ${progress.totalSteps}: ${progress.label}`
                  : running
                    ? 'Starting the build…'
                    : snapshot.status === 'succeeded'
                      ? 'Built and checked'
                      : snapshot.status === 'cancelled'
                        ? 'Build cancelled'
                        : 'Build failed'}
              </Text>
              <Text size="sm" c="dimmed" aria-label="Elapsed time">
                {formatDuration(elapsed)}
              </Text>
            </Group>
            {running ? <Progress value={progress && progress.totalSteps > 0 ? (progress.step / progress.totalSteps) * 100 : 2} animated aria-label="Build progress" /> : null}
            {snapshot.status === 'failed' || snapshot.status === 'cancelled' ? (
              <Alert color={snapshot.status === 'failed' ? 'red' : 'gray'} role="alert">
                <Text size="sm">{snapshot.error?.message}</Text>
                {snapshot.error?.detail ? (
                  <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
                    {snapshot.error.detail}
                  </Text>
                ) : null}
                <Button mt="sm" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void start(false)} disabled={!plan?.canBuild}>
                  Retry
                </Button>
              </Alert>
            ) : null}
            {result?.success ? (
              <Text size="sm">
                {result.data.build.tag}: {result.data.build.cachedSteps} of {result.data.build.totalSteps} steps from the cache, built in {formatDuration(result.data.build.durationMs)}.
              </Text>
            ) : null}
            <LogView lines={job.log} label="Build log" />
          </Stack>
        </Card>
      ) : null}
      <NextStepButton from="build" onGoTo={onGoTo} ready={result?.success === true} />
      {result?.success && result.data.resolved && result.data.resolved.length > 0 ? (
        <Card withBorder>
          <Group justify="space-between" mb="xs">
            <Title order={3} size="h4">
              What pip chose
            </Title>
            <Group gap="xs">
              <Button size="xs" variant="default" onClick={() => void saveLock(result.data.verify.installed)}>
                Save lock file…
              </Button>
              <Button size="xs" variant="default" onClick={() => rebuildExactly(result.data.verify.installed)}>
                Rebuild exactly
              </Button>
            </Group>
          </Group>
          <Stack gap={2} role="region" aria-label="Resolved versions">
            {result.data.resolved.map((r) => (
              <Text key={r.requested} size="sm" ff="monospace">
                {r.requested} → {r.version ?? 'not installed (a marker left it out)'}
              </Text>
            ))}
          </Stack>
          {lockSaved ? (
            <Text size="xs" c="dimmed" mt="xs" role="status">
              {lockSaved}
            </Text>
          ) : null}
        </Card>
      ) : null}
      {result?.success ? (
        <Group align="flex-start" grow>
          <Card withBorder>
            <Title order={3} size="h4" mb="sm">
              Ready for Elyra?
            </Title>
            <VerifyChecklist report={result.data.verify} />
          </Card>
          <Card withBorder>
            <Title order={3} size="h4" mb="sm">
              What makes it big
            </Title>
            <ImageSizeChart report={result.data.size} />
          </Card>
        </Group>
      ) : null}
    </Stack>
  );
}
