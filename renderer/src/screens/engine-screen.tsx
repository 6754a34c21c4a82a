import { Alert, Anchor, Badge, Button, Card, Group, Loader, Radio, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import type { EngineProbe, EngineStatus } from '../../../electron/contract/domain/engine';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { installGuide } from '../lib/install-guide';
import { ErrorNotice } from '../components/error-notice';
import { NextStepButton } from '../components/next-step-button';
import type { StepId } from '../steps';

/** While no engine answers we look again often; once connected, rarely. */
const RECHECK_DOWN_MS = 4000;
const RECHECK_UP_MS = 30000;

function probeLabel(probe: EngineProbe): string {
  return probe.ok ? `${probe.engine.product} ${probe.engine.version} — ${probe.engine.endpoint}` : probe.endpoint;
}

function EngineChoice({ status, onPick }: { status: EngineStatus; onPick: (id: string) => void }) {
  // A choice only among engines that answer; where none does, the alert lists what was tried.
  if (status.probes.length < 2 || !status.probes.some((probe) => probe.ok)) return null;
  const selected = status.state === 'none' ? '' : status.selectedId;
  return (
    <Card withBorder>
      <Radio.Group label="Engines found on this computer" value={selected} onChange={onPick}>
        <Stack gap="xs" mt="xs">
          {status.probes.map((probe) => (
            <Radio
              key={probe.candidateId}
              value={probe.candidateId}
              label={probeLabel(probe)}
              description={probe.ok ? `${probe.engine.os}/${probe.engine.arch}, API ${probe.engine.apiVersion}` : probe.error.message}
            />
          ))}
        </Stack>
      </Radio.Group>
    </Card>
  );
}

/** Where the app looked and what each place answered, so "not running" is never a guess. */
function TriedEndpoints({ probes }: { probes: EngineProbe[] }) {
  const failed = probes.filter((probe) => !probe.ok);
  if (failed.length === 0) return null;
  return (
    <Stack gap={0}>
      <Text size="sm">Where the app looked:</Text>
      {failed.map((probe) => (
        // The engine's messages name the endpoint they are about.
        <Text size="sm" key={probe.candidateId}>
          • {probe.error.message}
        </Text>
      ))}
    </Stack>
  );
}

export function EngineScreen({ onGoTo }: { onGoTo: (id: StepId) => void }) {
  // Checked again by itself: often while nothing answers, rarely while it is fine.
  const check = useRequest(() => call('engine:status', { refresh: true }), [], {
    refreshMs: (last) => (last?.state === 'connected' ? RECHECK_UP_MS : RECHECK_DOWN_MS),
  });
  const { data: status, error, loading: busy, reload: refresh, setData } = check;
  const picker = useAction((id: string) => call('engine:select', { id }));
  const pick = async (id: string) => {
    const picked = await picker.run(id);
    if (picked) setData(picked);
  };
  const opener = useAction(() => call('app:open-link', { link: 'install-docker' }));
  const openInstall = () => void opener.run();
  // How to install an engine here; without it the page still says where to look.
  const info = useRequest(() => call('app:info', {}), []);
  const guide = info.data ? installGuide(info.data) : null;

  return (
    <Stack maw={760} gap="lg">
      <Title order={2}>Container engine</Title>
      {status === null && error === null ? (
        <Group role="status" aria-live="polite">
          <Loader size="sm" />
          <Text>Looking for Docker on this computer…</Text>
        </Group>
      ) : null}
      {error !== null ? <ErrorNotice error={error} title="Could not check the engine" onRetry={refresh} /> : null}
      {picker.error ? <ErrorNotice error={picker.error} title="That engine could not be chosen" onRetry={refresh} /> : null}
      {opener.error ? <ErrorNotice error={opener.error} title="The install page could not be opened" /> : null}
      {status?.state === 'connected' ? (
        <Alert color="green" title={status.message} icon={<IconCircleCheck />} role="status">
          <Stack gap={4}>
            <Text size="sm">Endpoint: {status.engine.endpoint}</Text>
            <Text size="sm">
              Runs {status.engine.os}/{status.engine.arch} images · API {status.engine.apiVersion}
              {status.engine.operatingSystem ? ` · ${status.engine.operatingSystem}` : ''}
            </Text>
          </Stack>
        </Alert>
      ) : null}
      {status !== null && status.state !== 'connected' ? (
        <Alert color="orange" title={status.message} icon={<IconAlertTriangle />} role="alert">
          <Stack gap="xs">
            {status.state === 'none' && status.hint ? <Text size="sm">{status.hint}</Text> : null}
            {status.state === 'none' ? <TriedEndpoints probes={status.probes} /> : null}
            {status.state === 'picked-unavailable' && status.error.hint ? <Text size="sm">{status.error.hint}</Text> : null}
            {guide ? <Text size="sm">{guide}</Text> : null}
            <Text size="sm">
              No Docker yet?{' '}
              <Anchor component="button" type="button" onClick={openInstall}>
                Install Docker
              </Anchor>
              . This page checks again by itself every few seconds.
            </Text>
          </Stack>
        </Alert>
      ) : null}
      <NextStepButton from="engine" onGoTo={onGoTo} ready={status?.state === 'connected'} />
      <Group>
        {/* Nothing to retry on a connected engine: it is checked again by itself. */}
        {status?.state !== 'connected' ? (
          <Button leftSection={<IconRefresh size={16} />} onClick={refresh} loading={busy} variant="default">
            Retry
          </Button>
        ) : null}
        {status ? (
          <Badge variant="light" color="gray">
            Checked {new Date(status.checkedAt).toLocaleTimeString()}
          </Badge>
        ) : null}
      </Group>
      {status ? <EngineChoice status={status} onPick={(id) => void pick(id)} /> : null}
      {status && status.notes.length > 0 ? (
        <Stack gap={2}>
          {status.notes.map((note) => (
            <Text key={note} size="sm" c="dimmed">
              {note}
            </Text>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
