import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconHammer } from '@tabler/icons-react';
import { BuildJobResult } from '../../../electron/contract/domain/build';
import { ImageSizeChart } from '../components/image-size-chart';
import { ErrorNotice } from '../components/error-notice';
import { JobCard } from '../components/job-card';
import { PythonFitNotice } from '../components/python-fit-notice';
import { TryCard } from '../components/try-card';
import { VerifyChecklist } from '../components/verify-checklist';
import { call } from '../lib/api';
import { useAction } from '../lib/use-request';
import { useNow } from '../lib/use-now';
import type { BuildProgress, JobSnapshot } from '../../../electron/contract/domain/job';
import { lockFileName } from '../lib/names';
import { formatDuration } from '../../../electron/contract/figures';
import { useRecipe } from '../state/recipe-provider';
import { lockPatch } from '../state/recipe-state';
import { useJob } from '../state/use-job';
import { NextStepButton } from '../components/next-step-button';
import type { StepId } from '../steps';
import { CancelJobButton } from '../components/cancel-job-button';

function buildHeadline(status: JobSnapshot['status'], progress: BuildProgress | null): string {
  switch (status) {
    case 'running':
      return progress ? `Step ${progress.step} of ${progress.totalSteps}: ${progress.label}` : 'Starting the build…';
    case 'succeeded':
      return 'Built and checked';
    case 'cancelled':
      return 'Build cancelled';
    default:
      return 'Build failed';
  }
}

export function BuildScreen({ onGoTo }: { onGoTo: (screen: StepId) => void }) {
  const { state, plan, dispatch, update, revealMissing } = useRecipe();
  const job = useJob('build');
  const snapshot = job.snapshot;
  const running = snapshot?.status === 'running';
  const now = useNow(running);
  const result = snapshot?.status === 'succeeded' ? BuildJobResult.safeParse(snapshot.result) : null;
  const firstError = plan?.findings.find((f) => f.severity === 'error');
  // Reaching Build with something missing is trying to go on: the fields it names are marked from now on.
  useEffect(() => {
    if (firstError) revealMissing();
  }, [firstError, revealMissing]);

  const starter = useAction((noCache: boolean) => call('build:start', { recipe: state.recipe, noCache }));
  const start = async (noCache: boolean) => {
    const started = await starter.run(noCache);
    if (started) job.adopt(started);
  };
  const lockSaver = useAction((lines: string[]) => call('lock:save', { lines, name: lockFileName(state.recipe.imageName) }));
  const [lockSaved, setLockSaved] = useState<string | null>(null);
  const saveLock = async (lines: string[]) => {
    const saved = await lockSaver.run(lines);
    if (saved?.path) setLockSaved(`Saved ${saved.path}`);
  };
  // An update, not a replace: the reducer applies the lock to the recipe as it is then, not as this render saw it.
  const rebuildExactly = (lines: string[]) => dispatch({ type: 'update', patch: lockPatch(lines, 'lock') });
  const canceller = useAction((id: string) => call('job:cancel', { id }));
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
      <PythonFitNotice recipe={state.recipe} onUsePython={(pythonVersion) => update({ pythonVersion })} />
      <Group>
        <Button leftSection={<IconHammer size={16} />} onClick={() => void start(false)} disabled={!plan?.canBuild || running} loading={starter.busy}>
          Build {state.recipe.imageName}
        </Button>
        <Button variant="default" onClick={() => void start(true)} disabled={!plan?.canBuild || running}>
          Rebuild without the cache
        </Button>
        {running ? (
          <CancelJobButton busy={canceller.busy} onCancel={() => snapshot && void canceller.run(snapshot.id)}>
            Cancel
          </CancelJobButton>
        ) : null}
      </Group>
      {starter.error ? (
        <ErrorNotice error={starter.error} title="The build could not start" onRetry={() => void start(false)} onGoTo={onGoTo} here="build" />
      ) : null}
      {canceller.error ? (
        <ErrorNotice
          error={canceller.error}
          title="The build could not be cancelled"
          onRetry={() => snapshot && void canceller.run(snapshot.id)}
          onGoTo={onGoTo}
          here="build"
        />
      ) : null}
      {job.error ? <ErrorNotice error={job.error} title="Where the last build is could not be read" onRetry={job.reload} /> : null}
      {snapshot ? (
        <JobCard
          snapshot={snapshot}
          log={job.log}
          headline={buildHeadline(snapshot.status, progress)}
          figures={{ label: 'Elapsed time', text: formatDuration(elapsed) }}
          percent={running ? (progress && progress.totalSteps > 0 ? (progress.step / progress.totalSteps) * 100 : 2) : null}
          progressLabel="Build progress"
          logLabel="Build log"
          onRetry={() => void start(false)}
          onGoTo={onGoTo}
          here="build"
        >
          {result?.success ? (
            <Text size="sm">
              {result.data.build.tag}: {result.data.build.cachedSteps} of {result.data.build.totalSteps} steps from the cache, built in{' '}
              {formatDuration(result.data.build.durationMs)}.
            </Text>
          ) : null}
        </JobCard>
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
          {lockSaver.error ? (
            <ErrorNotice error={lockSaver.error} title="The lock file could not be saved" onRetry={() => void saveLock(result.data.verify.installed)} />
          ) : null}
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
            <ImageSizeChart report={result.data.size} image={result.data.build.tag} />
          </Card>
        </Group>
      ) : null}
      {result?.success ? <TryCard image={result.data.build.tag} onGoTo={onGoTo} /> : null}
    </Stack>
  );
}
