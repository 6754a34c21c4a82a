import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, Menu, Stack, Table, Text, Title } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import type { HistoryEntry } from '../../../electron/contract/domain/history';
import type { TrySummary } from '../../../electron/contract/domain/try';
import { Recipe } from '../../../electron/contract/domain/recipe';
import { call } from '../lib/api';
import { useAction, useRequest } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { baseName, lockFileName } from '../lib/names';
import { formatBytes } from '../../../electron/contract/figures';
import { useRecipe } from '../state/recipe-provider';
import { withLock } from '../state/recipe-state';

const resultColor = { succeeded: 'green', failed: 'red', cancelled: 'gray' } as const;

/** The latest try of a built image with the user's notebooks: how many ran, and where the first failure was. */
function TriedLine({ tried }: { tried: TrySummary }) {
  const passed = tried.files.filter((f) => f.status === 'passed').length;
  const failed = tried.files.find((f) => f.status !== 'passed');
  const where = failed
    ? `${baseName(failed.file)}${failed.failedCell !== null ? ` cell ${failed.failedCell}` : ''}${failed.error ? `: ${failed.error}` : ''}`
    : null;
  return (
    <Text size="xs" c={tried.passed ? 'green' : 'orange'}>
      Tried {new Date(tried.at).toLocaleString()}: {passed} of {tried.files.length} files ran
      {tried.importFailures.length > 0 ? `; imports failing: ${tried.importFailures.join(', ')}` : ''}
      {where ? `; first failure ${where}` : ''}
    </Text>
  );
}

export interface HistoryActions {
  rebuild: () => void;
  push: (image: string) => void;
  addToElyra: (image: string) => void;
}

/** Every build and push, newest first, and what can be done with each. */
export function HistoryScreen({ actions }: { actions: HistoryActions }) {
  const { dispatch } = useRecipe();
  const history = useRequest(() => call('history:list', {}), []);
  const entries = history.data?.entries ?? [];
  const notes = history.data?.notes ?? [];
  const images = useRequest(() => call('engine:images', {}), []);
  const [message, setMessage] = useState<string | null>(null);

  const recipeOf = (entry: HistoryEntry): Recipe | null => {
    const parsed = Recipe.safeParse(entry.recipe);
    return parsed.success ? parsed.data : null;
  };
  const rebuild = (entry: HistoryEntry, exactly: boolean) => {
    const recipe = recipeOf(entry);
    if (!recipe) return;
    dispatch({ type: 'replace', recipe: exactly && entry.lock ? withLock(recipe, entry.lock, `lock of ${entry.image}`) : recipe });
    actions.rebuild();
  };
  // The menu's actions: each says what it did, or why it could not.
  const action = useAction(async (what: () => Promise<string | null>) => {
    setMessage(null);
    const text = await what();
    if (text) setMessage(text);
  });
  const run = (what: () => Promise<string | null>) => action.run(what);

  return (
    <Stack maw={1000} gap="md">
      <Title order={2}>History</Title>
      {message ? (
        <Alert color="green" role="status" withCloseButton onClose={() => setMessage(null)} closeButtonLabel="Dismiss">
          {message}
        </Alert>
      ) : null}
      {action.error ? <ErrorNotice error={action.error} /> : null}
      {history.error ? <ErrorNotice error={history.error} title="The history could not be read" onRetry={history.reload} /> : null}
      {notes.map((n) => (
        <Text key={n} size="sm" c="orange">
          {n}
        </Text>
      ))}
      {history.data && entries.length === 0 ? <Text c="dimmed">Nothing built or pushed yet.</Text> : null}
      <Stack gap="xs" role="region" aria-label="Builds and pushes">
        {entries.map((entry) => {
          const recipe = recipeOf(entry);
          return (
            <Card key={entry.id} withBorder padding="sm" role="group" aria-label={`${entry.kind} ${entry.image}`}>
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                {/* The text gives way (long names wrap), never the Actions button. */}
                <div style={{ flex: 1, minWidth: 0, overflowWrap: 'anywhere' }}>
                  <Group gap="xs">
                    <Badge color={resultColor[entry.result]} variant="light">
                      {entry.kind} {entry.result}
                    </Badge>
                    <Text ff="monospace" size="sm">
                      {entry.image}
                    </Text>
                  </Group>
                  <Text size="xs" c="dimmed">
                    {new Date(entry.createdAt).toLocaleString()} · Python {entry.python} · Elyra {entry.elyraVersion} · {entry.platform}
                    {entry.sizeBytes !== null ? ` · ${formatBytes(entry.sizeBytes)}` : ''}
                    {entry.digest ? ` · ${entry.digest.slice(0, 19)}…` : ''}
                  </Text>
                  <Text size="xs">{entry.packages.length > 0 ? entry.packages.join(', ') : 'no extra packages'}</Text>
                  {entry.error ? (
                    <Text size="xs" c="red">
                      {entry.error}
                    </Text>
                  ) : null}
                  {entry.tried ? <TriedLine tried={entry.tried} /> : null}
                </div>
                <Menu position="bottom-end">
                  <Menu.Target>
                    <Button
                      variant="default"
                      size="xs"
                      rightSection={<IconDots size={14} />}
                      aria-label={`Actions for ${entry.image}`}
                      style={{ flexShrink: 0 }}
                    >
                      Actions
                    </Button>
                  </Menu.Target>
                  <Menu.Dropdown>
                    <Menu.Item disabled={!recipe} onClick={() => rebuild(entry, false)}>
                      Rebuild
                    </Menu.Item>
                    <Menu.Item disabled={!recipe || !entry.lock} onClick={() => rebuild(entry, true)}>
                      Rebuild exactly (from the lock)
                    </Menu.Item>
                    <Menu.Item disabled={entry.result !== 'succeeded'} onClick={() => actions.push(entry.image)}>
                      Push {entry.kind === 'push' ? 'again' : ''}
                    </Menu.Item>
                    <Menu.Item disabled={entry.kind !== 'push' || entry.result !== 'succeeded'} onClick={() => actions.addToElyra(entry.image)}>
                      Add to Elyra
                    </Menu.Item>
                    <Menu.Item
                      disabled={!recipe}
                      onClick={() => recipe && void run(async () => ((await call('recipe:export', { recipe })).folder ? 'Recipe exported.' : null))}
                    >
                      Export recipe…
                    </Menu.Item>
                    <Menu.Item
                      disabled={!entry.lock}
                      onClick={() =>
                        entry.lock &&
                        void run(async () => {
                          const saved = await call('lock:save', { lines: entry.lock ?? [], name: lockFileName(entry.image) });
                          return saved.path ? `Lock saved to ${saved.path}.` : null;
                        })
                      }
                    >
                      Save lock file…
                    </Menu.Item>
                    <Menu.Divider />
                    <Menu.Item
                      color="red"
                      onClick={() =>
                        void run(async () => {
                          await call('history:delete', { id: entry.id });
                          history.reload();
                          return null;
                        })
                      }
                    >
                      Delete from history
                    </Menu.Item>
                  </Menu.Dropdown>
                </Menu>
              </Group>
            </Card>
          );
        })}
      </Stack>
      <Title order={3} size="h4">
        Images on this engine made by the app
      </Title>
      {images.error ? <ErrorNotice error={images.error} title="The engine's images could not be listed" onRetry={images.reload} /> : null}
      {images.data === null ? (
        images.error ? null : (
          <Text size="sm" c="dimmed">
            Looking…
          </Text>
        )
      ) : (
        <Table aria-label="Images on the engine">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Tags</Table.Th>
              <Table.Th>Created</Table.Th>
              <Table.Th>Size</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {images.data.map((image) => (
              <Table.Tr key={image.id}>
                <Table.Td>
                  <Text ff="monospace" size="xs">
                    {image.tags.join(', ') || image.id.slice(7, 19)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{new Date(image.createdAt).toLocaleString()}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="xs">{formatBytes(image.sizeBytes)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
