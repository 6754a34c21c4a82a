import { Badge, Button, Code, Group, List, Stack, Table, Text } from '@mantine/core';
import type { FileRun, ImportCheckItem, ImportFix, TryReport } from '../../../electron/contract/domain/try';
import type { Recipe } from '../../../electron/contract/domain/recipe';
import { formatDuration } from '../../../electron/contract/figures';
import { baseName } from '../lib/names';
import { fixApplied } from '../state/import-fixes';

const fileLook: Record<FileRun['status'], { color: string; word: string }> = {
  passed: { color: 'green', word: 'Passed' },
  failed: { color: 'red', word: 'Failed' },
  'timed-out': { color: 'orange', word: 'Timed out' },
  'could-not-start': { color: 'red', word: 'Could not start' },
  'not-run': { color: 'gray', word: 'Not run' },
};

const importWord: Record<ImportCheckItem['status'], string> = {
  ok: 'imports',
  'missing-module': 'missing module',
  'missing-library': 'missing library',
  error: 'error',
  timeout: 'too slow',
  crashed: 'crashed Python',
};

function place(item: ImportCheckItem): string {
  const first = item.places[0];
  if (!first) return '';
  const at = first.cell !== null ? `${baseName(first.file)}, cell ${first.cell}` : `${baseName(first.file)}, line ${first.line}`;
  return item.places.length > 1 ? `${at} and ${item.places.length - 1} more` : at;
}

function fixLabel(fix: ImportFix, done: boolean): string {
  if (fix.kind === 'add-distribution') return done ? `${fix.distribution} added` : `Add ${fix.distribution}`;
  if (fix.kind === 'replace-distribution') return done ? `Switched to ${fix.to}` : `Use ${fix.to} instead`;
  return '';
}

function ImportFailure({ item, recipe, onFix }: { item: ImportCheckItem; recipe: Recipe; onFix: (fix: ImportFix) => void }) {
  const system = item.fixes.find((f): f is Extract<ImportFix, { kind: 'system-package' }> => f.kind === 'system-package');
  return (
    <List.Item>
      <Group gap="xs">
        <Text size="sm" fw={600} ff="monospace">
          {item.module}
        </Text>
        <Badge color={item.optional ? 'gray' : 'red'} variant="light">
          {item.optional ? `optional: ${importWord[item.status]}` : importWord[item.status]}
        </Badge>
        <Text size="xs" c="dimmed">
          {place(item)}
        </Text>
      </Group>
      {item.error ? (
        <Text size="xs" ff="monospace" c="dimmed">
          {item.error}
        </Text>
      ) : null}
      <Text size="sm">{item.explanation}</Text>
      <Group gap="xs" mt={4}>
        {item.fixes
          .filter((f) => f.kind !== 'system-package')
          .map((fix) => {
            const done = fixApplied(recipe, fix);
            return (
              <Button key={JSON.stringify(fix)} size="xs" variant={done ? 'default' : 'light'} disabled={done} onClick={() => onFix(fix)}>
                {fixLabel(fix, done)}
              </Button>
            );
          })}
        {system ? (
          <Text size="xs" c="dimmed">
            {system.debianPackage
              ? `Or add the system package ${system.debianPackage} to a custom base: the app installs Python packages only.`
              : `Or add the system package that has ${system.library} to a custom base.`}
          </Text>
        ) : null}
      </Group>
    </List.Item>
  );
}

function FileRow({ run }: { run: FileRun }) {
  return (
    <Table.Tr style={{ verticalAlign: 'top' }}>
      <Table.Td>
        <Text size="sm" ff="monospace" title={run.file} style={{ overflowWrap: 'anywhere' }}>
          {baseName(run.file)}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={fileLook[run.status].color} variant="light" style={{ overflow: 'visible' }}>
          {fileLook[run.status].word}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{run.message}</Text>
        {run.error && run.status !== 'passed' ? (
          // Wrapped, never wider than its cell: a traceback line must not push the table out of the card.
          <Code
            block
            mt={4}
            aria-label={`Error of ${baseName(run.file)}`}
            style={{ maxHeight: 160, overflow: 'auto', whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          >
            {run.error.traceback.slice(-8).join('\n') || `${run.error.name}: ${run.error.value}`}
          </Code>
        ) : null}
        {run.leftOut ? (
          <Text size="xs" c="dimmed">
            {run.leftOut}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {formatDuration(run.durationMs)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** What a try found: each import that failed with its fixes, then each file with the cell that failed and its error. */
export function TryResults({
  report,
  recipe,
  onFix,
  onOpenFolder,
}: {
  report: TryReport;
  recipe: Recipe;
  onFix: (fix: ImportFix) => void;
  onOpenFolder: () => void;
}) {
  const failed = report.importCheck.items.filter((i) => i.status !== 'ok');
  const imports = report.importCheck.items.length;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        Imports: {imports - failed.length} of {imports} work in the image (Python {report.importCheck.python ?? 'unknown'}, user {report.importCheck.user}, no
        network)
      </Text>
      {failed.length > 0 ? (
        <List spacing="sm" aria-label="Imports that failed">
          {failed.map((item) => (
            <ImportFailure key={item.module} item={item} recipe={recipe} onFix={onFix} />
          ))}
        </List>
      ) : null}
      <Table aria-label="Notebook runs" verticalSpacing="xs" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="24%">File</Table.Th>
            <Table.Th w={140}>Result</Table.Th>
            <Table.Th>What happened</Table.Th>
            <Table.Th w={70}>Time</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.files.map((run) => (
            <FileRow key={run.file} run={run} />
          ))}
        </Table.Tbody>
      </Table>
      {report.notes.map((note) => (
        <Text key={note} size="xs" c="dimmed">
          {note}
        </Text>
      ))}
      <Group>
        <Button size="xs" variant="default" onClick={onOpenFolder}>
          Open the results folder
        </Button>
        <Text size="xs" c="dimmed" ff="monospace">
          {report.outputDir}
        </Text>
      </Group>
    </Stack>
  );
}
