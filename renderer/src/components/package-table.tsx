import { ActionIcon, Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import type { PackageEntry, RecipeFinding } from '../../../electron/contract/domain/recipe';

function originText(origin: PackageEntry['origin']): string {
  if (!origin.file) return 'added here';
  if (origin.cell) return `cell ${origin.cell} of ${origin.file}`;
  return origin.line ? `line ${origin.line} of ${origin.file}` : origin.file;
}

const severityColor = { error: 'red', warning: 'orange', info: 'blue' } as const;

/** The packages that go into the image, where each came from, and what the plan says of it. */
export function PackageTable({
  packages,
  findings,
  onRemove,
}: {
  packages: readonly PackageEntry[];
  findings: readonly RecipeFinding[];
  onRemove: (id: string) => void;
}) {
  if (packages.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        No packages yet. Add some above, pick from the list below, or drop a requirements.txt anywhere on this window.
      </Text>
    );
  }
  return (
    <Table striped highlightOnHover aria-label="Packages in the image">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Package</Table.Th>
          <Table.Th>From</Table.Th>
          <Table.Th w={300}>Check</Table.Th>
          <Table.Th w={48}>
            <VisuallyHidden>Remove</VisuallyHidden>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {packages.map((p) => {
          const own = findings.filter((f) => f.packageId === p.id);
          return (
            <Table.Tr key={p.id}>
              <Table.Td>
                <Text ff="monospace" size="sm">
                  {p.text}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {originText(p.origin)}
                </Text>
              </Table.Td>
              <Table.Td>
                {own.length === 0 ? (
                  <Badge color="green" variant="light">
                    OK
                  </Badge>
                ) : (
                  own.map((f, i) => (
                    <Text key={i} size="xs" c={severityColor[f.severity]} title={f.hint}>
                      {f.message}
                    </Text>
                  ))
                )}
              </Table.Td>
              <Table.Td>
                <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${p.text}`} onClick={() => onRemove(p.id)}>
                  <IconTrash size={16} />
                </ActionIcon>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}
