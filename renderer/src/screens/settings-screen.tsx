import { useState } from 'react';
import { Alert, Button, Group, Loader, SegmentedControl, Select, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { ElyraVersion, PythonVersion } from '../../../electron/contract/domain/elyra';
import { BuildNetwork } from '../../../electron/contract/domain/build';
import { Platform } from '../../../electron/contract/domain/recipe';
import { DEFAULT_PACKAGE_INDEX, type Settings } from '../../../electron/contract/domain/settings';
import type { Recipe } from '../../../electron/contract/domain/recipe';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { useRecipe } from '../state/recipe-provider';

const NEWEST = 'newest';

function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** The recipe's form of the settings' index: PyPI is "no index given", so pip's own default applies. */
function recipeIndex(index: Settings['packageIndex']): Recipe['index'] {
  return {
    indexUrl: index.indexUrl === DEFAULT_PACKAGE_INDEX.indexUrl ? null : index.indexUrl,
    extraIndexUrls: [...index.extraIndexUrls],
    trustedHosts: [...index.trustedHosts],
  };
}

/** What the open recipe would take from the settings' "New recipes" part, when it differs. */
function recipeDefaults(settings: Settings, recipe: Recipe): Partial<Recipe> | null {
  const patch: Partial<Recipe> = {};
  if (settings.elyraVersion !== recipe.elyraVersion) patch.elyraVersion = settings.elyraVersion;
  if (settings.pythonVersion !== null && settings.pythonVersion !== recipe.pythonVersion) patch.pythonVersion = settings.pythonVersion;
  if (settings.platform !== recipe.platform) patch.platform = settings.platform;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** Preferences: what a new recipe starts from, where packages come from, how builds reach them. */
export function SettingsScreen() {
  const loaded = useRequest(() => call('settings:get', {}), []);
  if (loaded.data) return <SettingsForm initial={loaded.data.settings} />;
  return (
    <Stack maw={760} gap="md">
      <Title order={2}>Settings</Title>
      {loaded.error ? (
        <ErrorNotice error={loaded.error} title="Your settings could not be read" onRetry={loaded.reload} />
      ) : (
        <Loader aria-label="Reading your settings" />
      )}
    </Stack>
  );
}

function SettingsForm({ initial }: { initial: Settings }) {
  const { state, update } = useRecipe();
  const [settings, setSettings] = useState<Settings>(initial);
  const [status, setStatus] = useState<{ text: string; offer?: Partial<Recipe> } | null>(null);
  const set = (patch: Partial<Settings>) => {
    setSettings({ ...settings, ...patch });
    setStatus(null);
    saver.clearError();
  };
  const setIndex = (patch: Partial<Settings['packageIndex']>) => set({ packageIndex: { ...settings.packageIndex, ...patch } });

  const saver = useAction(() => call('settings:update', { patch: settings }));
  const save = async () => {
    const saved = await saver.run();
    if (!saved) return;
    setSettings(saved);
    // Where packages come from and how the build reaches them are this computer's facts, not a recipe's
    // choice: the open recipe follows them at once, or its next build would still go to the old index.
    const index = recipeIndex(saved.packageIndex);
    const indexChanged = JSON.stringify(index) !== JSON.stringify(state.recipe.index);
    if (indexChanged) update({ index });
    const offer = recipeDefaults(saved, state.recipe);
    setStatus({
      text: `Saved. ${indexChanged ? 'Your recipe now uses this package index. ' : ''}${
        offer ? 'New recipes start with the Elyra, Python and platform above; your open recipe keeps its own.' : 'Your open recipe matches these settings.'
      }`,
      ...(offer ? { offer } : {}),
    });
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
          data={ElyraVersion.options}
          value={settings.elyraVersion}
          onChange={(v) => {
            const parsed = ElyraVersion.safeParse(v);
            if (parsed.success) set({ elyraVersion: parsed.data });
          }}
          allowDeselect={false}
        />
        <Select
          label="Python"
          data={[{ value: NEWEST, label: 'Newest supported' }, ...PythonVersion.options.map((v) => ({ value: v, label: v }))]}
          value={settings.pythonVersion ?? NEWEST}
          onChange={(v) => {
            const parsed = PythonVersion.safeParse(v);
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
        <TextInput
          label="Default registry"
          description="docker.io, quay.io, ghcr.io or host:port"
          value={settings.defaultRegistry}
          onChange={(e) => set({ defaultRegistry: e.currentTarget.value })}
        />
        <TextInput
          label="Namespace"
          description="Your user or organization there"
          value={settings.defaultNamespace}
          onChange={(e) => set({ defaultNamespace: e.currentTarget.value })}
        />
      </Group>
      <Title order={3} size="h4">
        Package index
      </Title>
      <TextInput
        label="Index URL"
        description="Where pip looks for packages; PyPI unless your company has a mirror"
        value={settings.packageIndex.indexUrl}
        onChange={(e) => setIndex({ indexUrl: e.currentTarget.value })}
      />
      <Textarea
        label="Extra index URLs"
        description="One per line"
        autosize
        minRows={2}
        value={settings.packageIndex.extraIndexUrls.join('\n')}
        onChange={(e) => setIndex({ extraIndexUrls: lines(e.currentTarget.value) })}
      />
      <Textarea
        label="Trusted hosts"
        description="Hosts pip may reach over plain http or with an unverified certificate, one per line"
        autosize
        minRows={1}
        value={settings.packageIndex.trustedHosts.join('\n')}
        onChange={(e) => setIndex({ trustedHosts: lines(e.currentTarget.value) })}
      />
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
      <Switch
        label="Notify me when a push finishes or fails"
        checked={settings.notifications}
        onChange={(e) => set({ notifications: e.currentTarget.checked })}
      />
      {saver.error ? <ErrorNotice error={saver.error} title="Your settings were not saved" onRetry={() => void save()} /> : null}
      {status ? (
        <Alert color="green" role="status">
          {status.text}
          {status.offer ? (
            <Button
              size="xs"
              mt="xs"
              display="block"
              variant="light"
              onClick={() => {
                if (status.offer) update(status.offer);
                setStatus({ text: 'Saved. Your open recipe uses these settings too.' });
              }}
            >
              Use them for this recipe too
            </Button>
          ) : null}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={() => void save()} loading={saver.busy}>
          Save settings
        </Button>
      </Group>
    </Stack>
  );
}
