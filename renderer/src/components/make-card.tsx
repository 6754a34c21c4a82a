import { useState } from 'react';
import { Alert, Button, Card, Group, Stack, Text, TextInput, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconLoader2, IconPlayerSkipForward, IconRocket, IconX } from '@tabler/icons-react';
import type { JobSnapshot, MakeProgress, MakeStep } from '../../../electron/contract/domain/job';
import { MAKE_PULL_POLICY, MakeResult } from '../../../electron/contract/domain/make';
import { formatDuration } from '../../../electron/contract/figures';
import { call } from '../lib/api';
import { baseName, registryOfImage } from '../lib/names';
import { suggestionOwner } from '../lib/suggestion-owner';
import { useNow } from '../lib/use-now';
import { useAction, useRequest } from '../lib/use-request';
import { useRecipe } from '../state/recipe-provider';
import { useJob } from '../state/use-job';
import { useLogins } from '../state/use-logins';
import type { StepId } from '../steps';
import { ErrorNotice } from './error-notice';
import { JobCard } from './job-card';
import { CancelJobButton } from './cancel-job-button';

/** The name Elyra lists: the pushed image's last part ("elyra-pandas:2026.12.07"), as Use in Elyra offers it. */
export function displayNameFor(reference: string): string {
  return (reference.split('/').pop() ?? reference).replace(/@sha256:.*/, '');
}

const STATUS_WORDS: Record<MakeStep['status'], string> = {
  waiting: 'waiting',
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
  skipped: 'skipped',
};

function StepIcon({ status }: { status: MakeStep['status'] }) {
  switch (status) {
    case 'done':
      return (
        <ThemeIcon size="sm" radius="xl" color="green">
          <IconCheck size={12} />
        </ThemeIcon>
      );
    case 'running':
      return (
        <ThemeIcon size="sm" radius="xl" color="blue">
          <IconLoader2 size={12} />
        </ThemeIcon>
      );
    case 'failed':
      return (
        <ThemeIcon size="sm" radius="xl" color="red">
          <IconX size={12} />
        </ThemeIcon>
      );
    case 'cancelled':
      return (
        <ThemeIcon size="sm" radius="xl" color="gray">
          <IconX size={12} />
        </ThemeIcon>
      );
    case 'skipped':
      return (
        <ThemeIcon size="sm" radius="xl" color="gray" variant="light">
          <IconPlayerSkipForward size={12} />
        </ThemeIcon>
      );
    default:
      return (
        <ThemeIcon size="sm" radius="xl" color="gray" variant="light">
          <IconCircleDashed size={12} />
        </ThemeIcon>
      );
  }
}

/** What the running step is doing, in its own words. */
function currentText(progress: MakeProgress): string | null {
  const p = progress.current;
  if (p === null) return null;
  if (p.kind === 'push') return p.phase === 'preparing' ? 'preparing the layers' : `${Math.floor(p.percent)}% sent`;
  if (p.kind === 'build') return `step ${p.step} of ${p.totalSteps}: ${p.label}`;
  return p.label;
}

function headline(snapshot: JobSnapshot, progress: MakeProgress | null): string {
  const running = progress?.steps.filter((s) => s.status !== 'skipped') ?? [];
  const step = progress?.steps.find((s) => s.status === 'running');
  switch (snapshot.status) {
    case 'running': {
      if (!progress || !step) return 'Starting…';
      const detail = currentText(progress);
      return `Step ${running.indexOf(step) + 1} of ${running.length}: ${step.label}${detail ? ` — ${detail}` : ''}`;
    }
    case 'succeeded':
      return 'Ready in Elyra';
    case 'cancelled':
      return 'Cancelled';
    default: {
      const failed = progress?.steps.find((s) => s.status === 'failed');
      return failed ? `Stopped at ${failed.label}` : 'It stopped';
    }
  }
}

/** The steps; a failed step's detail is left out when the failure above already says it. */
function StepList({ progress, said }: { progress: MakeProgress; said: string | null }) {
  return (
    <Stack gap={4} role="list" aria-label="Steps">
      {progress.steps.map((step) => (
        <Group key={step.id} gap="xs" wrap="nowrap" role="listitem" aria-label={`${step.label}: ${STATUS_WORDS[step.status]}`}>
          <StepIcon status={step.status} />
          <Text size="sm" fw={step.status === 'running' ? 600 : 400} c={step.status === 'skipped' || step.status === 'waiting' ? 'dimmed' : undefined}>
            {step.label}
          </Text>
          {step.detail && !(step.status === 'failed' && step.detail === said) ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {step.detail}
            </Text>
          ) : null}
        </Group>
      ))}
      {progress.kept.length > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          Kept: {progress.kept.join('; ')}.
        </Text>
      ) : null}
    </Stack>
  );
}

/**
 * The one action: with the packages chosen and a login saved, one button builds and checks the
 * image, tries the notebooks in it, pushes it and adds it to Elyra, with every name filled in from
 * suggestions the user may change. Each of those steps can still be done on its own screen.
 */
export function MakeCard({ onGoTo }: { onGoTo: (step: StepId) => void }) {
  const { state, plan, update, notebookPaths } = useRecipe();
  const { logins, loaded, error: loginsError, refresh: refreshLogins } = useLogins();
  const job = useJob('make');
  const snapshot = job.snapshot;
  const running = snapshot?.status === 'running';
  const now = useNow(running);
  const packages = state.recipe.packages.map((p) => p.text);
  const ownName = state.recipe.imageName.trim();

  // A name only when the recipe has none: the user's own name is never replaced.
  const suggested = useRequest(
    async () => {
      const owner = await suggestionOwner('');
      return (await call('recipe:suggest-name', { packages, ...(owner ? { owner } : {}) })).name;
    },
    [packages.join('\n'), logins.map((l) => l.registry.serverAddress).join(' ')],
    { enabled: ownName === '' && packages.length > 0 && loaded, delayMs: 150 },
  );
  const [imageText, setImageText] = useState<string | null>(null);
  const image = (imageText ?? (ownName || suggested.data || '')).trim();
  const server = (logins.find((l) => l.registry.host === registryOfImage(image)) ?? logins[0])?.registry.serverAddress ?? null;
  const referenceSuggestion = useRequest(() => call('push:suggest-reference', { image, serverAddress: server ?? '' }), [image, server], {
    enabled: server !== null && image !== '',
    delayMs: 150,
  });
  const [referenceText, setReferenceText] = useState<string | null>(null);
  const reference = (referenceText ?? (referenceSuggestion.data?.ok ? referenceSuggestion.data.reference : '')).trim();
  const referenceError = referenceText === null && referenceSuggestion.data && !referenceSuggestion.data.ok ? referenceSuggestion.data.error.message : null;
  const [displayText, setDisplayText] = useState<string | null>(null);
  const displayName = (displayText ?? displayNameFor(reference)).trim();

  // The recipe as it will be built: with the name shown here, checked in main like any recipe.
  const named = image !== state.recipe.imageName;
  const namedPlan = useRequest(() => call('recipe:plan', { recipe: { ...state.recipe, imageName: image } }), [state.recipe, image], {
    enabled: named && image !== '',
    delayMs: 150,
  });
  const checked = named ? namedPlan.data : plan;
  const blocker = checked?.findings.find((f) => f.severity === 'error') ?? null;
  const elyra = useRequest(
    () => call('elyra:plan', { imageName: reference, displayName, tags: [], pullPolicy: MAKE_PULL_POLICY, pullSecret: null, private: false }),
    [reference, displayName],
    { enabled: reference !== '' && displayName !== '', delayMs: 200, keepData: true },
  );
  const elyraPlan = elyra.data?.plan ?? null;

  const starter = useAction(async () => {
    if (named) update({ imageName: image });
    return call('make:start', {
      recipe: { ...state.recipe, imageName: image },
      reference,
      notebooks: notebookPaths,
      elyra: { displayName, replace: elyraPlan?.exists ?? false },
    });
  });
  const start = async () => {
    const started = await starter.run();
    if (started) job.adopt(started);
  };
  const canceller = useAction((id: string) => call('job:cancel', { id }));
  const progress = snapshot?.progress?.kind === 'make' ? snapshot.progress : null;
  const made = snapshot?.status === 'succeeded' ? MakeResult.safeParse(snapshot.result) : null;
  const ready =
    logins.length > 0 &&
    checked?.canBuild === true &&
    image !== '' &&
    reference !== '' &&
    displayName !== '' &&
    elyraPlan !== null &&
    elyraPlan.refusal === null;

  if (packages.length === 0 && !snapshot) return null;
  return (
    <Card withBorder>
      <Stack gap="sm" role="region" aria-label="Build, push and add to Elyra">
        <div>
          <Title order={3} size="h4">
            All in one go
          </Title>
          <Text size="sm" c="dimmed">
            Builds and checks the image, tries your notebooks in it, pushes it and adds it to Elyra. Follow it here, in the tray or on the taskbar; a
            notification says when it is done.
          </Text>
        </div>
        {loginsError ? <ErrorNotice error={loginsError} title="Your logins could not be read" onRetry={refreshLogins} /> : null}
        {loaded && logins.length === 0 ? (
          <Alert color="orange" title="Log in to a registry first" role="alert">
            <Text size="sm">The image goes to a registry your cluster pulls from: log in once, and this button does the rest.</Text>
            <Button size="xs" mt="xs" onClick={() => onGoTo('registry')}>
              Go to Registry
            </Button>
          </Alert>
        ) : null}
        <Stack gap="xs">
          <TextInput
            label="Image name"
            description="As it is built on your engine"
            value={image}
            onChange={(e) => {
              setImageText(e.currentTarget.value);
              setReferenceText(null);
            }}
            spellCheck={false}
            error={named && blocker?.field === 'image-name' ? blocker.message : null}
          />
          <TextInput label="Push as" value={reference} onChange={(e) => setReferenceText(e.currentTarget.value)} error={referenceError} spellCheck={false} />
          <TextInput label="Name in Elyra" value={displayName} onChange={(e) => setDisplayText(e.currentTarget.value)} error={elyraPlan?.refusal ?? null} />
        </Stack>
        <Text size="xs" c="dimmed">
          {notebookPaths.length > 0
            ? `Tries ${notebookPaths.map(baseName).join(', ')} in the image before pushing it.`
            : 'No notebooks opened with a path: the try is skipped.'}{' '}
          {elyraPlan
            ? `${elyraPlan.exists ? 'Replaces' : 'Adds'} ${elyraPlan.path}, with pull policy ${MAKE_PULL_POLICY} so the cluster runs the newest push of the tag.`
            : null}
        </Text>
        {blocker && !(named && blocker.field === 'image-name') ? (
          <Text size="sm" c="red" role="alert">
            {blocker.where ? `${blocker.where}: ` : ''}
            {blocker.message}
          </Text>
        ) : null}
        <Group>
          <Button leftSection={<IconRocket size={16} />} onClick={() => void start()} disabled={!ready || running} loading={starter.busy}>
            Build, push and add to Elyra
          </Button>
          {running && snapshot ? (
            <CancelJobButton busy={canceller.busy} onCancel={() => void canceller.run(snapshot.id)}>
              Cancel
            </CancelJobButton>
          ) : null}
        </Group>
        {starter.error ? <ErrorNotice error={starter.error} title="It could not start" onRetry={() => void start()} onGoTo={onGoTo} here="packages" /> : null}
        {canceller.error ? (
          <ErrorNotice error={canceller.error} title="It could not be cancelled" onRetry={() => snapshot && void canceller.run(snapshot.id)} />
        ) : null}
        {job.error ? <ErrorNotice error={job.error} title="Where the last run is could not be read" onRetry={job.reload} /> : null}
        {snapshot ? (
          <JobCard
            snapshot={snapshot}
            log={job.log}
            headline={headline(snapshot, progress)}
            figures={{ label: 'Elapsed time', text: formatDuration((snapshot.endedAt ?? now) - snapshot.startedAt) }}
            percent={running ? Math.max(2, progress?.percent ?? 0) : null}
            progressLabel="Progress of all steps"
            logLabel="Log of all steps"
            logHeight={180}
            onRetry={() => void start()}
            onGoTo={onGoTo}
            here="packages"
          >
            {progress ? <StepList progress={progress} said={snapshot.error?.message ?? null} /> : null}
            {made?.success ? (
              <Alert color="green" role="status" title={`"${made.data.elyra.displayName}" is in Elyra`}>
                <Text size="sm">
                  {made.data.elyra.replaced ? 'Replaced' : 'Added'} {made.data.elyra.path}.
                </Text>
                <Text size="xs" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {made.data.push.pinned}
                </Text>
              </Alert>
            ) : null}
          </JobCard>
        ) : null}
      </Stack>
    </Card>
  );
}
