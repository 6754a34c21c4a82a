import { useState } from 'react';
import { Button, Card, CloseButton, Group, Select, Stack, Switch, Text, Title } from '@mantine/core';
import { IconPlayerPlay } from '@tabler/icons-react';
import { type ImportFix, TRY_TIMEOUT_DEFAULT_SECONDS, TryReport } from '../../../electron/contract/domain/try';
import type { JobSnapshot } from '../../../electron/contract/domain/job';
import { formatDuration } from '../../../electron/contract/figures';
import { call } from '../lib/api';
import { baseName } from '../lib/names';
import { useAction } from '../lib/use-request';
import { applyImportFix } from '../state/import-fixes';
import { useRecipe } from '../state/recipe-provider';
import { newId } from '../state/recipe-state';
import { useJob } from '../state/use-job';
import type { StepId } from '../steps';
import { ErrorNotice } from './error-notice';
import { JobCard } from './job-card';
import { TryResults } from './try-results';
import { CancelJobButton } from './cancel-job-button';

const RUNNABLE = /\.(ipynb|py)$/i;

/** The folder a file is in, as the user knows it: its last two parts. */
function folderOf(path: string): string {
  const parts = path.split(/[\\/]/).slice(0, -1);
  return parts.slice(-2).join('/') || '/';
}

const LIMITS = [
  { value: '60', label: '1 minute' },
  { value: String(TRY_TIMEOUT_DEFAULT_SECONDS), label: '5 minutes' },
  { value: '900', label: '15 minutes' },
  { value: '3600', label: '1 hour' },
];

function headline(snapshot: JobSnapshot, report: TryReport | null): string {
  if (snapshot.status === 'running') {
    const p = snapshot.progress?.kind === 'try' ? snapshot.progress : null;
    return p ? `Step ${Math.min(p.step + 1, p.totalSteps)} of ${p.totalSteps}: ${p.label}` : 'Starting the try…';
  }
  if (snapshot.status === 'cancelled') return 'Try cancelled';
  if (snapshot.status === 'failed' || !report) return 'The try could not run';
  if (report.passed) return `Everything ran: ${report.files.length} file${report.files.length === 1 ? '' : 's'}, every import`;
  const failedFiles = report.files.filter((f) => f.status !== 'passed').length;
  const failedImports = report.importCheck.items.filter((i) => i.status !== 'ok' && !i.optional).length;
  return [
    failedImports > 0 ? `${failedImports} import${failedImports === 1 ? '' : 's'} failed` : '',
    failedFiles > 0 ? `${failedFiles} of ${report.files.length} files did not run through` : '',
  ]
    .filter(Boolean)
    .join(', ');
}

/**
 * After a build: run the user's own notebooks and scripts in the image the way Elyra will, and
 * fix what fails in one click (a missing package, opencv's headless twin).
 */
export function TryCard({ image, onGoTo }: { image: string; onGoTo: (step: StepId) => void }) {
  const { state, dispatch, notebookPaths, setNotebookPaths } = useRecipe();
  const job = useJob('try');
  // The latest try of another image (an earlier build) is not this image's.
  const snapshot = job.snapshot && job.snapshot.subject?.image === image ? job.snapshot : null;
  const running = snapshot?.status === 'running';
  const [allowNetwork, setAllowNetwork] = useState(false);
  const [limit, setLimit] = useState(String(TRY_TIMEOUT_DEFAULT_SECONDS));
  const [skipped, setSkipped] = useState<string[]>([]);
  const [fixed, setFixed] = useState(false);

  const chooser = useAction(() => call('dialog:open-files', {}));
  const choose = async () => {
    const chosen = await chooser.run();
    if (!chosen) return;
    const runnable = chosen.paths.filter((p) => RUNNABLE.test(p));
    setSkipped(chosen.paths.filter((p) => !RUNNABLE.test(p)).map(baseName));
    if (runnable.length > 0) setNotebookPaths([...runnable, ...notebookPaths.filter((p) => !runnable.includes(p))]);
  };
  const starter = useAction(() => call('try:start', { image, paths: notebookPaths, allowNetwork, timeoutSeconds: Number(limit), run: true }));
  const start = async () => {
    setFixed(false);
    const started = await starter.run();
    if (started) job.adopt(started);
  };
  const canceller = useAction((id: string) => call('job:cancel', { id }));
  const opener = useAction((path: string) => call('try:open-folder', { path }));
  const parsed = snapshot?.status === 'succeeded' ? TryReport.safeParse(snapshot.result) : null;
  const report = parsed?.success ? parsed.data : null;
  const fix = (f: ImportFix) => {
    const patch = applyImportFix(state.recipe, f, () => newId('pkg'));
    if (patch) {
      dispatch({ type: 'update', patch });
      setFixed(true);
    }
  };

  return (
    <Card withBorder>
      <Stack gap="sm" role="region" aria-label="Try your notebooks">
        <div>
          <Title order={3} size="h4">
            Try your notebooks
          </Title>
          <Text size="sm" c="dimmed">
            Runs your notebooks and scripts in {image} the way Elyra will: every import first, without network, as the random user OpenShift runs pods as; then
            each file with papermill (scripts with python3) in its own container.
          </Text>
        </div>
        {notebookPaths.length === 0 ? (
          <Text size="sm">No notebooks yet: choose the notebooks or scripts your pipeline runs.</Text>
        ) : (
          <Stack gap={2} aria-label="Files to try">
            {notebookPaths.map((path) => (
              <Group key={path} gap={4} wrap="nowrap">
                <Text size="sm" ff="monospace" title={path} style={{ overflowWrap: 'anywhere' }}>
                  {baseName(path)}
                </Text>
                <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  in {folderOf(path)}
                </Text>
                <CloseButton
                  size="sm"
                  aria-label={`Leave out ${baseName(path)}`}
                  disabled={running}
                  onClick={() => setNotebookPaths(notebookPaths.filter((p) => p !== path))}
                />
              </Group>
            ))}
          </Stack>
        )}
        {skipped.length > 0 ? (
          <Text size="xs" c="orange">
            Not a notebook or script, left out: {skipped.join(', ')}
          </Text>
        ) : null}
        <Group align="flex-end">
          <Button variant="default" onClick={() => void choose()} loading={chooser.busy} disabled={running}>
            Choose notebooks…
          </Button>
          <Select label="Time limit per file" data={LIMITS} value={limit} onChange={(v) => v && setLimit(v)} allowDeselect={false} w={150} disabled={running} />
          <Switch label="Allow network" checked={allowNetwork} onChange={(e) => setAllowNetwork(e.currentTarget.checked)} disabled={running} />
        </Group>
        <Group>
          <Button
            leftSection={<IconPlayerPlay size={16} />}
            onClick={() => void start()}
            disabled={notebookPaths.length === 0 || running}
            loading={starter.busy}
          >
            Try {notebookPaths.length === 1 ? '1 file' : `${notebookPaths.length} files`}
          </Button>
          {running && snapshot ? (
            <CancelJobButton busy={canceller.busy} onCancel={() => void canceller.run(snapshot.id)}>
              Cancel the try
            </CancelJobButton>
          ) : null}
        </Group>
        {chooser.error ? <ErrorNotice error={chooser.error} title="The files could not be chosen" onRetry={() => void choose()} /> : null}
        {starter.error ? <ErrorNotice error={starter.error} title="The try could not start" onRetry={() => void start()} onGoTo={onGoTo} here="build" /> : null}
        {canceller.error ? (
          <ErrorNotice error={canceller.error} title="The try could not be cancelled" onRetry={() => snapshot && void canceller.run(snapshot.id)} />
        ) : null}
        {opener.error ? (
          <ErrorNotice error={opener.error} title="The results folder could not be opened" onRetry={() => report && void opener.run(report.outputDir)} />
        ) : null}
        {job.error ? <ErrorNotice error={job.error} title="Where the last try is could not be read" onRetry={job.reload} /> : null}
        {fixed ? (
          <Text size="sm" c="blue" role="status">
            The packages changed: build again, then try again to see it work.
          </Text>
        ) : null}
        {snapshot ? (
          <JobCard
            snapshot={snapshot}
            log={job.log}
            headline={headline(snapshot, report)}
            figures={snapshot.endedAt ? { label: 'Try time', text: formatDuration(snapshot.endedAt - snapshot.startedAt) } : null}
            percent={
              running && snapshot.progress?.kind === 'try' && snapshot.progress.totalSteps > 0
                ? Math.max(2, (snapshot.progress.step / snapshot.progress.totalSteps) * 100)
                : null
            }
            progressLabel="Try progress"
            logLabel="Try log"
            logHeight={160}
            onRetry={() => void start()}
            onGoTo={onGoTo}
            here="build"
          >
            {report ? <TryResults report={report} recipe={state.recipe} onFix={fix} onOpenFolder={() => void opener.run(report.outputDir)} /> : null}
          </JobCard>
        ) : null}
      </Stack>
    </Card>
  );
}
