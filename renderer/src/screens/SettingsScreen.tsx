import { useEffect, useState } from 'react';
import { Alert, Button, Group, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { ElyraVersionSchema, PythonVersionSchema } from '../../../electron/contract/domain/elyra';
import { BuildNetwork } from '../../../electron/contract/domain/build';
import { Platform } from '../../../electron/contract/domain/recipe';
import type { Settings } from '../../../electron/contract/domain/settings';
import { AppError } from '../../../electron/contract/errors';
import { call, errorMessage } from '../lib/api';

const NEWEST = 'newest';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** Preferences: what a new recipe starts from, where packages come from, how builds reach them. */
export function SettingsScreen() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void call('settings:get', {}).then((r) => setSettings(r.settings));
  }, []);
  if (!settings) return null;
  const set = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setStatus(null);
  };
  const setIndex = (patch: Partial<Settings['packageIndex']>) => set({ packageIndex: { ...settings.packageIndex, ...patch } });

  const save = async () => {
    try {
      setSettings(await call('settings:update', { patch: settings }));
      setStatus({ ok: true, text: 'Saved. New recipes start from these settings.' });
    } catch (error) {
      const detail = error instanceof AppError && error.detail ? ` (${error.detail})` : '';
      setStatus({ ok: false, text: `${errorMessage(error)}${detail}` });
    }
  };

  return (
    <Stack maw={760} gap="md">
      <Title order={2}>Settings</Title>
      <Title order={3} size="h4">
        New recipes
      </Title>
      <Group grow>
        <Select
          label="Elyra version you run"
          data={ElyraVersionSchema.options}
          value={settings.elyraVersion}
          onChange={(v) => {
            const parsed = ElyraVersionSchema.safeParse(v);
            if (parsed.success) set({ elyraVersion: parsed.data });
          }}
          allowDeselect={false}
        />
        <Select
          label="Python"
          data={[{ value: NEWEST, label: 'Newest supported' }, ...PythonVersionSchema.options.map((v) => ({ value: v, label: v }))]}
          value={settings.pythonVersion ?? NEWEST}
          onChange={(v) => {
            const parsed = PythonVersionSchema.safeParse(v);
            set({ pythonVersion: parsed.success ? parsed.data : null });
          }}
          allowDeselect={false}
        />
        <Select
          label="Platform"
          data={Platform.options}
          value={settings.platform}
          onChange={(v) => {
            const parsed = Platform.safeParse(v);
            if (parsed.success) set({ platform: parsed.data });
          }}
          allowDeselect={false}
        />
      </Group>
      <Group grow>
        <TextInput label="Default registry" description="docker.io, quay.io, ghcr.io or host:port" value={settings.defaultRegistry} onChange={(e) => set({ defaultRegistry: e.currentTarget.value })} />
        <TextInput label="Namespace" description="Your user or organization there" value={settings.defaultNamespace} onChange={(e) => set({ defaultNamespace: e.currentTarget.value })} />
      </Group>
      <Title order={3} size="h4">
        Package index
      </Title>
      <TextInput label="Index URL" description="Where pip looks for packages; PyPI unless your company has a mirror" value={settings.packageIndex.indexUrl} onChange={(e) => setIndex({ indexUrl: e.currentTarget.value })} />
      <Textarea label="Extra index URLs" description="One per line" autosize minRows={2} value={settings.packageIndex.extraIndexUrls.join('\n')} onChange={(e) => setIndex({ extraIndexUrls: lines(e.currentTarget.value) })} />
      <Textarea label="Trusted hosts" description="Hosts pip may reach over plain http or with an unverified certificate, one per line" autosize minRows={1} value={settings.packageIndex.trustedHosts.join('\n')} onChange={(e) => setIndex({ trustedHosts: lines(e.currentTarget.value) })} />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="network-label">
          Build network
        </Text>
        <SegmentedControl
          aria-labelledby="network-label"
          value={settings.buildNetwork}
          onChange={(v) => {
            const parsed = BuildNetwork.safeParse(v);
            if (parsed.success) set({ buildNetwork: parsed.data });
          }}
          data={[
            { value: 'default', label: 'Default' },
            { value: 'host', label: 'Host (for an index on this computer)' },
          ]}
        />
      </Stack>
      <Switch label="Notify me when a push finishes or fails" checked={settings.notifications} onChange={(e) => set({ notifications: e.currentTarget.checked })} />
      {status ? (
        <Alert color={status.ok ? 'green' : 'red'} role={status.ok ? 'status' : 'alert'}>
          {status.text}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={() => void save()}>Save settings</Button>
      </Group>
    </Stack>
  );
}
