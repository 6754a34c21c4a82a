import { Badge, Button, Group, SimpleGrid, Paper, Text } from '@mantine/core';
import type { CatalogEntry } from '../../../electron/contract/domain/catalog';

/** The short list of packages most notebooks need, one click each. */
export function CatalogList({ catalog, chosen, onAdd }: { catalog: readonly CatalogEntry[]; chosen: ReadonlySet<string>; onAdd: (name: string) => void }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" role="region" aria-label="Common packages">
      {catalog.map((c) => {
        const added = chosen.has(c.name);
        return (
          <Paper key={c.name} withBorder p="xs">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <div>
                <Group gap={6}>
                  <Text fw={600} size="sm">
                    {c.name}
                  </Text>
                  <Badge size="xs" variant="light" color="gray">
                    {c.topic}
                  </Badge>
                </Group>
                <Text size="xs" c="dimmed">
                  {c.description}
                </Text>
              </div>
              <Button
                size="compact-xs"
                variant={added ? 'light' : 'outline'}
                disabled={added}
                onClick={() => onAdd(c.name)}
                aria-label={added ? `${c.name} added` : `Add ${c.name}`}
              >
                {added ? 'Added' : 'Add'}
              </Button>
            </Group>
          </Paper>
        );
      })}
    </SimpleGrid>
  );
}
