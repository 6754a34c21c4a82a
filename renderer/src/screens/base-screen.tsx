import { useState } from 'react';
import { Alert, Button, Card, Code, Group, SegmentedControl, Select, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { IconDownload, IconWand } from '@tabler/icons-react';
import { ElyraVersion, PythonVersion } from '../../../electron/contract/domain/elyra';
import { Platform, type BaseChoice, type RecipeFinding } from '../../../electron/contract/domain/recipe';
import { FindingList } from '../components/finding-list';
import { PythonFitNotice } from '../components/python-fit-notice';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { useRecipe } from '../state/recipe-provider';
import { suggestionOwner } from '../lib/suggestion-owner';
import { NextStepButton } from '../components/next-step-button';
import type { StepId } from '../steps';

// Which release each choice is: its pins and Pythons are read from that tag of elyra-ai/elyra.
const elyraLabels: Record<ElyraVersion, string> = {
  '4.1': 'Elyra 4.1 — release 4.1.1 of 2026-05-18 (latest)',
  '4.0': 'Elyra 4.0 — release 4.0.0 of 2025-08-15',
  '3.15': 'Elyra 3.15 — release 3.15.0 of 2023-03-28',
  main: 'Elyra main — development builds (main of 2026-08-19)',
};

/** An empty required field: not wrong yet, only not filled in. */
const MISSING = new Set(['image-name-missing', 'base-missing']);

function fieldError(findings: readonly RecipeFinding[], field: RecipeFinding['field']): string | null {
  return findings.find((f) => f.field === field && f.severity === 'error')?.message ?? null;
}

export function BaseScreen({ onGoTo }: { onGoTo: (id: StepId) => void }) {
  const { state, plan, update, showMissing } = useRecipe();
  const { recipe } = state;
  // Until the user tries to go on, an empty required field is neutral (no red); a wrong value is red at once.
  const findings = (plan?.findings ?? []).filter((f) => showMissing || !MISSING.has(f.code));
  const [exported, setExported] = useState<string | null>(null);
  const offered = plan?.offeredPython ?? [];
  // Only for the emulation note: with no engine (or no answer) there is nothing to compare with.
  const engine = useRequest(() => call('engine:status', {}), []);
  const engineArch = engine.data?.state === 'connected' ? engine.data.engine.arch : null;
  const wanted = recipe.platform.split('/')[1];
  const emulated =
    engineArch !== null &&
    wanted !== undefined &&
    engineArch !== wanted &&
    !(engineArch === 'x86_64' && wanted === 'amd64') &&
    !(engineArch === 'aarch64' && wanted === 'arm64');

  const setBaseKind = (kind: string) => {
    const base: BaseChoice =
      kind === 'custom'
        ? { kind: 'custom', image: recipe.base.kind === 'custom' ? recipe.base.image : '' }
        : kind === 'full'
          ? { kind: 'full' }
          : { kind: 'slim' };
    update({ base });
  };

  const suggester = useAction(async () => {
    const owner = await suggestionOwner(recipe.imageName);
    const { name } = await call('recipe:suggest-name', { packages: recipe.packages.map((p) => p.text), ...(owner ? { owner } : {}) });
    update({ imageName: name });
  });
  const suggestError = suggester.error ? `No name could be suggested: ${suggester.error.message}` : null;
  const exporter = useAction(async () => {
    const result = await call('recipe:export', { recipe });
    setExported(result.folder ? `Saved the Dockerfile and ${result.files.length - 1} other file(s) to ${result.folder}.` : null);
  });
  const exportRecipe = () => {
    setExported(null);
    void exporter.run();
  };

  return (
    <Stack maw={980} gap="lg">
      <div>
        <Title order={2}>Base and name</Title>
        <Text c="dimmed" size="sm">
          Which Elyra runs your pipelines, which Python the image has, and what the image is called.
        </Text>
      </div>
      <Group grow align="flex-start">
        <Select
          label="Elyra version you run"
          description="Its packages and Pythons, as that release pins them"
          data={ElyraVersion.options.map((v) => ({ value: v, label: elyraLabels[v] }))}
          value={recipe.elyraVersion}
          onChange={(v) => {
            const parsed = ElyraVersion.safeParse(v);
            if (parsed.success) update({ elyraVersion: parsed.data });
          }}
          allowDeselect={false}
        />
        <Select
          label="Python"
          description="Versions that Elyra supports and that still get security fixes"
          data={offered.includes(recipe.pythonVersion) ? offered : [...offered, recipe.pythonVersion]}
          value={recipe.pythonVersion}
          onChange={(v) => {
            const parsed = PythonVersion.safeParse(v);
            if (parsed.success) update({ pythonVersion: parsed.data });
          }}
          error={fieldError(findings, 'python')}
          disabled={recipe.base.kind === 'custom'}
          allowDeselect={false}
        />
      </Group>
      <PythonFitNotice recipe={recipe} onUsePython={(pythonVersion) => update({ pythonVersion })} />
      <Stack gap={6}>
        <Text size="sm" fw={500} id="base-label">
          Base image
        </Text>
        <SegmentedControl
          aria-labelledby="base-label"
          value={recipe.base.kind}
          onChange={setBaseKind}
          data={[
            { value: 'slim', label: 'Slim (recommended)' },
            { value: 'full', label: 'Full' },
            { value: 'custom', label: 'Custom image' },
          ]}
        />
        <Text size="xs" c="dimmed">
          {recipe.base.kind === 'slim'
            ? "The official python slim image: a fraction of the full one's size. curl is added if it is missing."
            : recipe.base.kind === 'full'
              ? 'The official python image with compilers and many system libraries: for packages that build from source.'
              : "Any image with python3 and pip, at a Python the chosen Elyra runs (a Red Hat UBI Python image, your company's Python base). It is checked after the build like any other."}
        </Text>
        {recipe.base.kind === 'custom' ? (
          <TextInput
            label="Custom base image"
            placeholder="registry.access.redhat.com/ubi9/python-312"
            value={recipe.base.image}
            onChange={(e) => update({ base: { kind: 'custom', image: e.currentTarget.value } })}
            error={fieldError(findings, 'base')}
          />
        ) : null}
        {recipe.base.kind === 'custom' ? (
          <Switch
            mt="xs"
            checked={recipe.allowSystemPip}
            onChange={(e) => update({ allowSystemPip: e.currentTarget.checked })}
            label="Allow pip to install into the system Python"
            description={
              'For a base whose Python is "externally managed" (PEP 668, e.g. Debian or Ubuntu python3): pip refuses to install there unless this is on, ' +
              "and so does Elyra's own pip when a pipeline starts. It sets PIP_BREAK_SYSTEM_PACKAGES=1 in the image. The risk: pip may replace packages " +
              "that the operating system installed, which can break the system's own tools in the image. Leave it off for bases with their own Python (official python images, conda, a virtual environment)."
            }
          />
        ) : null}
      </Stack>
      <Switch
        checked={recipe.preinstallElyraPins}
        onChange={(e) => update({ preinstallElyraPins: e.currentTarget.checked })}
        label="Pre-install Elyra's own packages"
        description="Pipeline nodes then start without installing anything first (recommended)."
      />
      <Switch
        checked={!recipe.elyraInstallPackages}
        onChange={(e) => update({ elyraInstallPackages: !e.currentTarget.checked })}
        disabled={plan !== null && !plan.installSwitch && recipe.elyraInstallPackages}
        label="Nodes install nothing when they start"
        description={
          plan !== null && !plan.installSwitch
            ? `${elyraLabels[recipe.elyraVersion].split(' — ')[0]} always installs its packages when a node starts; Elyra 4.1 and newer can skip that.`
            : "Sets ELYRA_INSTALL_PACKAGES=false in the image: Elyra's bootstrapper then runs no pip at all, so nodes start faster and work on " +
              "clusters that cannot reach a package index (air-gapped). Needs Elyra's packages in the image at Elyra's versions: the check after the build says whether they are."
        }
      />
      <Select
        label="Platform"
        description="What the cluster runs: almost always linux/amd64"
        data={Platform.options}
        value={recipe.platform}
        onChange={(v) => {
          const parsed = Platform.safeParse(v);
          if (parsed.success) update({ platform: parsed.data });
        }}
        allowDeselect={false}
        maw={320}
      />
      {emulated ? (
        <Alert color="yellow" role="status" title={`Your engine runs ${engineArch} images`}>
          A {recipe.platform} image is built under emulation there: it works, but takes several times longer. Clusters almost always run linux/amd64, so keep it
          unless yours is different.
        </Alert>
      ) : null}
      <Group align="flex-end" wrap="nowrap">
        <TextInput
          label="Image name"
          description="registry/namespace/name:tag — for Docker Hub, your user name then the image name: alice/pandas-tools:1.0"
          placeholder="alice/pandas-tools:1.0"
          value={recipe.imageName}
          onChange={(e) => update({ imageName: e.currentTarget.value })}
          error={fieldError(findings, 'image-name') ?? suggestError}
          style={{ flex: 1 }}
          spellCheck={false}
          autoCapitalize="off"
        />
        <Button variant="default" leftSection={<IconWand size={16} />} onClick={() => void suggester.run()} loading={suggester.busy}>
          Suggest
        </Button>
      </Group>
      <FindingList findings={findings.filter((f) => f.field !== 'packages' && f.field !== 'index')} label="Base checks" />
      <NextStepButton from="base" onGoTo={onGoTo} ready={plan?.canBuild === true} />
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Dockerfile</Text>
          <Button size="xs" variant="default" leftSection={<IconDownload size={14} />} onClick={exportRecipe} disabled={!plan} loading={exporter.busy}>
            Export recipe…
          </Button>
        </Group>
        {exported ? (
          <Alert color="green" mb="xs" role="status">
            {exported}
          </Alert>
        ) : null}
        {exporter.error ? <ErrorNotice error={exporter.error} title="The recipe was not exported" onRetry={exportRecipe} /> : null}
        {plan?.layers && plan.layers.length > 0 ? (
          <Stack gap={2} mb="xs" role="region" aria-label="Package layers">
            {plan.layers.map((layer, i) => (
              <Text key={`${layer.name ?? 'rest'}-${i}`} size="xs" c={layer.changed ? 'orange' : undefined}>
                Layer {i + 1}: {layer.reason}
              </Text>
            ))}
          </Stack>
        ) : plan?.layerNote ? (
          <Text size="xs" c="dimmed" mb="xs">
            {plan.layerNote}
          </Text>
        ) : null}
        <Code block aria-label="Dockerfile preview" tabIndex={0} style={{ maxHeight: 360, overflow: 'auto' }}>
          {plan?.dockerfile ?? 'Planning…'}
        </Code>
      </Card>
    </Stack>
  );
}
