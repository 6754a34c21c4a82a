import { useEffect, useState } from 'react';
import { Alert, Button, Card, Group, Progress, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconArrowRight, IconCloudUpload, IconCopy, IconPlayerStop, IconRefresh } from '@tabler/icons-react';
import { PushResult } from '../../../electron/contract/domain/push';
import type { JobSnapshot, PushProgress } from '../../../electron/contract/domain/job';
import { LogView } from '../components/log-view';
import { AppError, type ErrorCode, ErrorCodes } from '../../../electron/contract/errors';
import { call, errorMessage } from '../lib/api';
import { formatBytes, formatDuration } from '../../../electron/contract/figures';
import { useRecipe } from '../state/recipe-provider';
import { useJob } from '../state/use-job';
import { useLogins } from './registry-screen';
import { registryOfImage } from '../lib/names';
import type { StepId } from '../steps';

/** The figures beside the status: what was sent, said plainly for each way a push can end. */
function pushFigures(progress: PushProgress, status: JobSnapshot['status']): string {
  const sent = formatBytes(progress.bytesSent);
  const total = progress.totalKnown ? formatBytes(progress.bytesTotal) : `at least ${formatBytes(progress.bytesTotal)}`;
  const nothingYet = progress.bytesTotal === 0 && progress.bytesSent === 0;
  switch (status) {
    case 'running': {
      if (nothingYet) return 'Preparing layers…';
      const eta = progress.etaSeconds !== null ? ` · ${formatDuration(progress.etaSeconds * 1000)} left` : '';
      return `${sent} of ${total} · ${formatBytes(progress.bytesPerSecond)}/s${eta}`;
    }
    case 'succeeded':
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
                <Progress value={layer.done ? 100 : layer.total ? Math.min(100, (layer.current / layer.total) * 100) : 0} style={{ flex: 1 }} aria-label={`Layer ${layer.id}`} />
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

/** Tag and push with live progress; the push keeps going with the window closed (tray). */
export function PushScreen({ onGoTo, initialImage, onAddToElyra }: { onGoTo: (screen: StepId) => void; initialImage: string | null; onAddToElyra: (image: string) => void }) {
  const { state } = useRecipe();
  const { logins, loaded } = useLogins();
  const job = useJob('push');
  const [image, setImage] = useState(initialImage ?? state.recipe.imageName);
  // Only the user's own choice is state; until they choose, the first login's registry is used.
  const [serverAddress, setServerAddress] = useState<string | null>(null);
  // The login for the registry the image's name points at comes first.
  const server = serverAddress ?? (logins.find((l) => l.registry.host === registryOfImage(image)) ?? logins[0])?.registry.serverAddress ?? null;
  const [reference, setReference] = useState('');
  const [referenceError, setReferenceError] = useState<string | null>(null);
  const [startError, setStartError] = useState<{ code: ErrorCode; message: string } | null>(null);
  const snapshot = job.snapshot;
  const running = snapshot?.status === 'running';
  const progress = snapshot?.progress?.kind === 'push' ? snapshot.progress : null;
  const pushed = snapshot?.status === 'succeeded' ? PushResult.safeParse(snapshot.result) : null;

  useEffect(() => {
    if (!server || image.trim() === '') return;
    void call('push:suggest-reference', { image: image.trim(), serverAddress: server }).then((r) => {
      setReference(r.ok ? r.reference : '');
      setReferenceError(r.ok ? null : r.error.message);
    });
  }, [image, server]);

  const start = async () => {
    setStartError(null);
    try {
      job.adopt(await call('push:start', { image: image.trim(), reference: reference.trim() }));
    } catch (error) {
      setStartError({ code: error instanceof AppError ? error.code : ErrorCodes.internal, message: errorMessage(error) });
    }
  };
  const copy = (text: string) => void call('app:copy', { text });
  const failed = snapshot?.status === 'failed' || snapshot?.status === 'cancelled';
  const loginNeeded = startError?.code === ErrorCodes.loginRequired || snapshot?.error?.code === ErrorCodes.loginRequired;

  return (
    <Stack maw={980} gap="lg">
      <div>
        <Title order={2}>Push</Title>
        <Text c="dimmed" size="sm">
          Tags the image for your registry and sends it. You can close the window: the push goes on, and a notification says when it is done.
        </Text>
      </div>
      {loaded && logins.length === 0 ? (
        <Alert color="orange" role="alert" title="Log in to a registry first">
          <Button size="xs" mt="xs" onClick={() => onGoTo('registry')}>
            Go to Registry
          </Button>
        </Alert>
      ) : null}
      <Group grow align="flex-start">
        <TextInput label="Local image" description="As it was built" value={image} onChange={(e) => setImage(e.currentTarget.value)} />
        <Select
          label="Registry"
          data={logins.map((l) => ({ value: l.registry.serverAddress, label: `${l.registry.displayName} (${l.username})` }))}
          value={server}
          onChange={setServerAddress}
          allowDeselect={false}
          placeholder="Log in first"
        />
      </Group>
      <TextInput label="Push as" value={reference} onChange={(e) => setReference(e.currentTarget.value)} error={referenceError} spellCheck={false} />
      <Group>
        <Button leftSection={<IconCloudUpload size={16} />} onClick={() => void start()} disabled={running || reference === '' || logins.length === 0}>
          Push
        </Button>
        {running && snapshot ? (
          <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={() => void call('job:cancel', { id: snapshot.id })}>
            Cancel push
          </Button>
        ) : null}
      </Group>
      {startError ? (
        <Alert color="red" role="alert" title="The push could not start">
          {startError.message}
          {loginNeeded ? (
            <Button size="xs" mt="xs" display="block" onClick={() => onGoTo('registry')}>
              Log in again
            </Button>
          ) : null}
          {startError.code === ErrorCodes.imageNotFound ? (
            <Button size="xs" mt="xs" display="block" onClick={() => onGoTo('build')}>
              Go to Build
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {snapshot ? (
        <Card withBorder>
          <Stack gap="sm">
            <Group justify="space-between">
              <Text fw={600} role="status" aria-live="polite">
                {running
                  ? progress && progress.phase !== 'preparing'
                    ? `${progress.phase === 'retrying' ? 'Retrying' : 'Pushing'}: ${Math.floor(progress.percent)}%`
                    : 'Starting the push…'
                  : snapshot.status === 'succeeded'
                    ? 'Pushed'
                    : snapshot.status === 'cancelled'
                      ? 'Push cancelled'
                      : 'Push failed'}
              </Text>
              {progress ? (
                <Text size="sm" c="dimmed" aria-label="Push figures">
                  {pushFigures(progress, snapshot.status)}
                </Text>
              ) : null}
            </Group>
            {progress ? <Progress value={progress.percent} animated={running} aria-label="Push progress" /> : null}
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
                    {pushed.data.layersPushed} layers sent, {pushed.data.layersReused} already there.
                  </Text>
                  <Group>
                    <Button rightSection={<IconArrowRight size={16} />} onClick={() => onAddToElyra(pushed.data.reference)}>
                      Next: Use in Elyra
                    </Button>
                  </Group>
                </Stack>
              </Alert>
            ) : null}
            {failed ? (
              <Alert color={snapshot.status === 'failed' ? 'red' : 'gray'} role="alert">
                <Text size="sm">{snapshot.error?.message}</Text>
                <Group mt="xs">
                  <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={() => void start()}>
                    Retry
                  </Button>
                  {loginNeeded ? (
                    <Button size="xs" variant="light" onClick={() => onGoTo('registry')}>
                      Log in again
                    </Button>
                  ) : null}
                </Group>
              </Alert>
            ) : null}
            {progress && progress.layers.length > 0 ? <LayerTable progress={progress} status={snapshot.status} /> : null}
            <LogView lines={job.log} label="Push log" height={160} />
          </Stack>
        </Card>
      ) : null}
    </Stack>
  );
}
