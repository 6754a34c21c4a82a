import { Alert, Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { IconFileText } from '@tabler/icons-react';
import type { RequirementLine } from '../../../electron/contract/domain/requirements';
import type { OpenedFile } from '../state/recipe-state';

const statusLook: Record<RequirementLine['status'], { color: string; label: string }> = {
  requirement: { color: 'green', label: 'package' },
  option: { color: 'blue', label: 'option' },
  comment: { color: 'gray', label: 'comment' },
  blank: { color: 'gray', label: 'blank' },
  error: { color: 'red', label: 'error' },
};

/** Every line of a file the user opened, with its line number, what it is and what is wrong with it. */
export function OpenedFileCard({ file, onRemove }: { file: OpenedFile; onRemove: () => void }) {
  return (
    <Card withBorder aria-label={`File ${file.name}`} component="section">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconFileText size={18} />
          <Text fw={600}>{file.name}</Text>
        </Group>
        <Button size="xs" variant="subtle" color="gray" onClick={onRemove}>
          Remove file and its packages
        </Button>
      </Group>
      {file.reread ? (
        <Text size="sm" c="dimmed" mb="xs" role="status">
          Opened again: its packages now match the file as it is, in place of the ones it added before.
        </Text>
      ) : null}
      {file.refusal ? (
        <Alert color="red" title="This file cannot be read" role="alert">
          {file.refusal}
        </Alert>
      ) : (
        <Stack gap="md">
          {file.parsed.map(({ name, parsed }) => (
            <div key={name}>
              {file.parsed.length > 1 ? (
                <Text size="sm" fw={600} mb={4}>
                  {name}
                </Text>
              ) : null}
              <Table withRowBorders={false} verticalSpacing={2} aria-label={`Lines of ${name}`}>
                <Table.Tbody>
                  {parsed.lines
                    .filter((l) => l.status !== 'blank')
                    .map((line) => {
                      const findings = parsed.findings.filter((f) => f.line === line.line);
                      const look = findings.some((f) => f.severity === 'error') ? statusLook.error : statusLook[line.status];
                      return (
                        <Table.Tr key={line.line}>
                          <Table.Td w={70}>
                            <Text size="xs" c="dimmed" ff="monospace">
                              line {line.line}
                            </Text>
                          </Table.Td>
                          <Table.Td>
                            <Text size="sm" ff="monospace" style={{ whiteSpace: 'pre-wrap' }}>
                              {line.raw}
                            </Text>
                            {findings.map((f, i) => (
                              <Text key={i} size="xs" c={f.severity === 'error' ? 'red' : f.severity === 'warning' ? 'orange' : 'dimmed'}>
                                Line {f.line}: {f.message}
                              </Text>
                            ))}
                          </Table.Td>
                          <Table.Td w={120}>
                            <Badge size="sm" variant="light" color={look.color} style={{ overflow: 'visible' }}>
                              {look.label}
                            </Badge>
                          </Table.Td>
                        </Table.Tr>
                      );
                    })}
                </Table.Tbody>
              </Table>
            </div>
          ))}
        </Stack>
      )}
    </Card>
  );
}
