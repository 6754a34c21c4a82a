import { useMemo } from 'react';
import { Alert, Button, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { IconFolderOpen } from '@tabler/icons-react';
import type { CatalogEntry } from '../../../electron/contract/domain/catalog';
import { AddPackageForm } from '../components/add-package-form';
import { CatalogList } from '../components/catalog-list';
import { FindingList } from '../components/finding-list';
import { InferenceReview } from '../components/inference-review';
import { normalizeName } from '../lib/names';
import { MakeCard } from '../components/make-card';
import { OpenedFileCard } from '../components/opened-file-card';
import { PackageTable } from '../components/package-table';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { NextStepButton } from '../components/next-step-button';
import type { StepId } from '../steps';
import { useRecipe } from '../state/recipe-provider';

function packageName(text: string): string {
  return normalizeName(/^[A-Za-z0-9._-]+/.exec(text)?.[0] ?? '');
}

export function PackagesScreen({ onGoTo }: { onGoTo: (id: StepId) => void }) {
  const { state, plan, addPackage, dispatch, openPaths, notices, dismissNotice, inference, clearInference } = useRecipe();
  // The common packages are a help, not a need: without them the user can still type or drop.
  const catalogRequest = useRequest(() => call('catalog:list', {}), []);
  const catalog: readonly CatalogEntry[] = catalogRequest.data ?? [];
  const chosen = useMemo(() => new Set(state.recipe.packages.map((p) => packageName(p.text))), [state.recipe.packages]);
  const findings = plan?.findings.filter((f) => f.field === 'packages' || f.field === 'index') ?? [];

  const opener = useAction(async () => {
    const { paths } = await call('dialog:open-files', {});
    await openPaths(paths);
  });

  return (
    <Stack maw={980} gap="lg">
      <Group justify="space-between">
        <div>
          <Title order={2}>Packages</Title>
          <Text c="dimmed" size="sm">
            What your notebooks import. Drop notebooks, scripts or a requirements.txt anywhere on this window.
          </Text>
        </div>
        <Button variant="default" leftSection={<IconFolderOpen size={16} />} onClick={() => void opener.run()}>
          Open files…
        </Button>
      </Group>
      {opener.error ? <ErrorNotice error={opener.error} title="The files could not be opened" onRetry={() => void opener.run()} /> : null}
      {notices.map((n) => (
        <Alert key={n} color="orange" role="alert" withCloseButton={false}>
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">{n}</Text>
            <CloseButton aria-label="Dismiss" onClick={() => dismissNotice(n)} />
          </Group>
        </Alert>
      ))}
      <InferenceReview state={inference} inRecipe={chosen} onAdd={(entries) => dispatch({ type: 'add-packages', entries })} onDismiss={clearInference} />
      <AddPackageForm catalog={catalog} indexUrl={state.recipe.index.indexUrl} onAdd={addPackage} />
      <FindingList findings={findings} label="Package checks" />
      <section aria-labelledby="chosen-heading">
        <Title order={3} size="h4" id="chosen-heading" mb="xs">
          In the image ({state.recipe.packages.length})
        </Title>
        <PackageTable packages={state.recipe.packages} findings={findings} onRemove={(id) => dispatch({ type: 'remove-package', id })} />
      </section>
      <MakeCard onGoTo={onGoTo} />
      <NextStepButton from="packages" onGoTo={onGoTo} ready={state.recipe.packages.length > 0} />
      {state.files.length > 0 ? (
        <section aria-labelledby="files-heading">
          <Title order={3} size="h4" id="files-heading" mb="xs">
            Files you opened
          </Title>
          <Stack gap="sm">
            {state.files.map((file) => (
              <OpenedFileCard key={file.id} file={file} onRemove={() => dispatch({ type: 'remove-file', id: file.id })} />
            ))}
          </Stack>
        </section>
      ) : null}
      <section aria-labelledby="catalog-heading">
        <Title order={3} size="h4" id="catalog-heading" mb="xs">
          Common packages
        </Title>
        {catalogRequest.error ? (
          <ErrorNotice error={catalogRequest.error} title="The common packages could not be listed" onRetry={catalogRequest.reload} />
        ) : null}
        <CatalogList catalog={catalog} chosen={chosen} onAdd={addPackage} />
      </section>
    </Stack>
  );
}
