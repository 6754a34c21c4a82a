import { useState } from 'react';
import { Alert, Button, Group, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconCloudUpload, IconCopy } from '@tabler/icons-react';
import { describeLayerCounts, PushResult } from '../../../electron/contract/domain/push';
import type { JobSnapshot, PushProgress } from '../../../electron/contract/domain/job';
import { ErrorNotice } from '../components/error-notice';
import { JobCard } from '../components/job-card';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { useNow } from '../lib/use-now';
import { formatBytes, formatDuration } from '../../../electron/contract/figures';
import { useRecipe } from '../state/recipe-provider';
import { useJob } from '../state/use-job';
import { useLogins } from '../state/use-logins';
import { registryOfImage } from '../lib/names';
import type { StepId } from '../steps';
import { CancelJobButton } from '../components/cancel-job-button';

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Podman says nothing about a push until it is over: after this long without a word, say so. */
const SILENT_ENGINE_MS = 3000;

/** The figures beside the status: what was sent, said plainly for each way a push can end. */
function pushFigures(progress: PushProgress, snapshot: JobSnapshot, now: number): string {
  const status = snapshot.status;
  const sent = formatBytes(progress.bytesSent);
  const total = progress.totalKnown ? formatBytes(progress.bytesTotal) : `at least ${formatBytes(progress.bytesTotal)}`;
  const nothingYet = progress.bytesTotal === 0 && progress.bytesSent === 0;
  const silent = nothingYet && progress.layers.length === 0;
  switch (status) {
    case 'running': {
      const elapsed = now - snapshot.startedAt;
      if (silent && elapsed >= SILENT_ENGINE_MS) return `Uploading for ${formatDuration(elapsed)}; this engine reports no progress until the push is done`;
      if (nothingYet) return 'Preparing layers…';
      const eta = progress.etaSeconds !== null ? ` · ${formatDuration(progress.etaSeconds * 1000)} left` : '';
      return `${sent} of ${total} · ${formatBytes(progress.bytesPerSecond)}/s${eta}`;
    }
    case 'succeeded':
      if (silent) return `Sent in ${formatDuration((snapshot.endedAt ?? now) - snapshot.startedAt)}; the engine did not report sizes`;
      return nothingYet ? 'Nothing to upload: the registry already had every layer' : `${sent} of ${total}`;
    case 'cancelled':
      return progress.bytesSent === 0 ? 'Push cancelled before anything was uploaded' : `Push cancelled after ${sent} of ${total}`;
    default:
      return progress.bytesSent === 0 ? 'Nothing was uploaded' : `Stopped after ${sent} of ${total}`;
  }
}

/** A row the engine last called "Pushing" is not pushing any more once the push has ended. */
function layerStatus(layer: PushProgress['layers'][number], status: JobSnapshot['status']): string {
  if (layer.done || status === 'running') return layer.status;
  return status === 'cancelled' ? 'Cancelled' : 'Not sent';
}

function LayerTable({ progress, status }: { progress: PushProgress; status: JobSnapshot['status'] }) {
  return (
    <Table aria-label="Layers" verticalSpacing={4}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Layer</Table.Th>
          <Table.Th>Status</Table.Th>
          <Table.Th w="40%">Progress</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {progress.layers.map((layer) => (
          <Table.Tr key={layer.id}>
            <Table.Td>
              <Text ff="monospace" size="xs">
                {layer.id}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="xs">{layerStatus(layer, status)}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Progress
                  value={layer.done ? 100 : layer.total ? Math.min(100, (layer.current / layer.total) * 100) : 0}
                  style={{ flex: 1 }}
                  aria-label={`Layer ${layer.id}`}
                />
                <Text size="xs" w={120} ta="right">
                  {layer.total ? `${formatBytes(Math.min(layer.current, layer.total))} / ${formatBytes(layer.total)}` : layer.done ? 'done' : ''}
                </Text>
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function pushHeadline(status: JobSnapshot['status'], progress: PushProgress | null): string {
  switch (status) {
    case 'running':
      return progress && progress.phase !== 'preparing'
        ? `${progress.phase === 'retrying' ? 'Retrying' : 'Pushing'}: ${Math.floor(progress.percent)}%`
        : 'Starting the push…';
    case 'succeeded':
      return 'Pushed';
    case 'cancelled':
      return 'Push cancelled';
    default:
      return 'Push failed';
  }
}

/** Tag and push with live progress; the push keeps going with the window closed (tray). */
export function PushScreen({
  onGoTo,
  initialImage,
  onAddToElyra,
}: {
  onGoTo: (screen: StepId) => void;
  initialImage: string | null;
  onAddToElyra: (image: string) => void;
}) {
  const { state } = useRecipe();
  const { logins, loaded, error: loginsError, refresh: refreshLogins } = useLogins();
  const job = useJob('push');
  const snapshot = job.snapshot;
  // What the user typed; until then, what a window opened later should show: the image handed over,
  // else the one the last push sent, else the recipe's.
  const [imageText, setImageText] = useState<string | null>(initialImage);
  const subject = snapshot?.subject ?? null;
  const image = imageText ?? subject?.image ?? state.recipe.imageName;
  // Only the user's own choice is state; until they choose, the login for the registry the image's
  // name points at, else the first.
  const [serverAddress, setServerAddress] = useState<string | null>(null);
  const server = serverAddress ?? (logins.find((l) => l.registry.host === registryOfImage(image)) ?? logins[0])?.registry.serverAddress ?? null;
  // Typing asks main for a name per pause, not per keystroke; a late answer for an older name is dropped.
  const suggestion = useRequest(() => call('push:suggest-reference', { image: image.trim(), serverAddress: server ?? '' }), [image, server], {
    enabled: server !== null && image.trim() !== '',
    delayMs: 150,
  });
  const [referenceText, setReferenceText] = useState<string | null>(null);
  const fromJob = imageText === null && serverAddress === null && subject?.image === image ? subject.reference : null;
  const reference = referenceText ?? fromJob ?? (suggestion.data?.ok ? suggestion.data.reference : '');
  const referenceError =
    referenceText === null && suggestion.data && !suggestion.data.ok
      ? suggestion.data.error.message
      : suggestion.error
        ? `No name could be suggested: ${suggestion.error.message}`
        : null;

  const running = snapshot?.status === 'running';
  const now = useNow(running);
  const progress = snapshot?.progress?.kind === 'push' ? snapshot.progress : null;
  const pushed = snapshot?.status === 'succeeded' ? PushResult.safeParse(snapshot.result) : null;
  const starter = useAction(() => call('push:start', { image: image.trim(), reference: reference.trim() }));
  const start = async () => {
    const started = await starter.run();
    if (started) job.adopt(started);
  };
  const canceller = useAction((id: string) => call('job:cancel', { id }));
  const copier = useAction((text: string) => call('app:copy', { text }));
  const copy = (text: string) => void copier.run(text);

  return (
    <Stack maw={980} gap="lg">
      <div>
        <Title order={2}>Push</Title>
        <Text c="dimmed" size="sm">
          Tags the image for your registry and sends it. You can close the window: the push goes on, and a notification says when it is done.
        </Text>
      </div>
      {loginsError ? <ErrorNotice error={loginsError} title="Your logins could not be read" onRetry={refreshLogins} onGoTo={onGoTo} here="push" /> : null}
      {loaded && logins.length === 0 ? (
        <Alert color="orange" role="alert" title="Log in to a registry first">
          <Button size="xs" mt="xs" onClick={() => onGoTo('registry')}>
            Go to Registry
          </Button>
        </Alert>
      ) : null}
      <Group grow align="flex-start">
        <TextInput
          label="Local image"
          description="As it was built"
          value={image}
          onChange={(e) => {
            setImageText(e.currentTarget.value);
            setReferenceText(null);
          }}
        />
        <Select
          label="Registry"
          data={logins.map((l) => ({ value: l.registry.serverAddress, label: `${l.registry.displayName} (${l.username})` }))}
          value={server}
          onChange={(value) => {
            setServerAddress(value);
            setReferenceText(null);
          }}
          allowDeselect={false}
          placeholder="Log in first"
        />
      </Group>
      <TextInput label="Push as" value={reference} onChange={(e) => setReferenceText(e.currentTarget.value)} error={referenceError} spellCheck={false} />
      <Group>
        <Button
          leftSection={<IconCloudUpload size={16} />}
          onClick={() => void start()}
          disabled={running || reference === '' || logins.length === 0}
          loading={starter.busy}
        >
          Push
        </Button>
        {running && snapshot ? (
          <CancelJobButton busy={canceller.busy} onCancel={() => void canceller.run(snapshot.id)}>
            Cancel push
          </CancelJobButton>
        ) : null}
      </Group>
      {starter.error ? <ErrorNotice error={starter.error} title="The push could not start" onRetry={() => void start()} onGoTo={onGoTo} here="push" /> : null}
      {canceller.error ? (
        <ErrorNotice error={canceller.error} title="The push could not be cancelled" onRetry={() => snapshot && void canceller.run(snapshot.id)} />
      ) : null}
      {copier.error ? <ErrorNotice error={copier.error} title="Nothing was copied" /> : null}
      {job.error ? <ErrorNotice error={job.error} title="Where the last push is could not be read" onRetry={job.reload} /> : null}
      {snapshot ? (
        <JobCard
          snapshot={snapshot}
          log={job.log}
          headline={pushHeadline(snapshot.status, progress)}
          figures={progress ? { label: 'Push figures', text: pushFigures(progress, snapshot, now) } : null}
          // An engine that reports nothing until the end: a moving bar, not one frozen at 0 %.
          percent={progress ? (running && progress.layers.length === 0 && progress.bytesTotal === 0 ? 100 : progress.percent) : null}
          progressLabel="Push progress"
          logLabel="Push log"
          logHeight={160}
          onRetry={() => void start()}
          onGoTo={onGoTo}
          here="push"
        >
          {pushed?.success ? (
            <Alert color="green" role="status" title="Pushed">
              <Stack gap={4}>
                <Group gap="xs">
                  <Text ff="monospace" size="sm">
                    {pushed.data.reference}
                  </Text>
                  <Button size="compact-xs" variant="light" leftSection={<IconCopy size={12} />} onClick={() => copy(pushed.data.reference)}>
                    Copy
                  </Button>
                </Group>
                <Group gap="xs">
                  <Text ff="monospace" size="xs" c="dimmed">
                    {pushed.data.pinned}
                  </Text>
                  <Button size="compact-xs" variant="light" leftSection={<IconCopy size={12} />} onClick={() => copy(pushed.data.pinned)}>
                    Copy with digest
                  </Button>
                </Group>
                <Text size="xs" c="dimmed">
                  {capitalize(describeLayerCounts(pushed.data))}.
                </Text>
                <Group>
                  <Button rightSection={<IconArrowRight size={16} />} onClick={() => onAddToElyra(pushed.data.reference)}>
                    Next: Use in Elyra
                  </Button>
                </Group>
              </Stack>
            </Alert>
          ) : null}
          {progress && progress.layers.length > 0 ? <LayerTable progress={progress} status={snapshot.status} /> : null}
        </JobCard>
      ) : null}
    </Stack>
  );
}
