import { Alert, List, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconInfoCircle, IconX } from '@tabler/icons-react';
import type { RecipeFinding } from '../../../electron/contract/domain/recipe';

const look = {
  error: { color: 'red', icon: <IconX size={18} />, title: (n: number) => `${n} ${n === 1 ? 'problem' : 'problems'} to fix before building` },
  warning: { color: 'orange', icon: <IconAlertTriangle size={18} />, title: (n: number) => `${n} ${n === 1 ? 'thing' : 'things'} to know` },
  info: { color: 'blue', icon: <IconInfoCircle size={18} />, title: (n: number) => (n === 1 ? 'Note' : 'Notes') },
} as const;

/** The plan's findings, errors first, each with where it is and what to do. */
export function FindingList({ findings, label }: { findings: readonly RecipeFinding[]; label: string }) {
  const groups = (['error', 'warning', 'info'] as const)
    .map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) }))
    .filter((g) => g.items.length > 0);
  if (groups.length === 0) return null;
  return (
    <Stack gap="sm" role="region" aria-label={label}>
      {groups.map(({ severity, items }) => (
        <Alert
          key={severity}
          color={look[severity].color}
          icon={look[severity].icon}
          title={look[severity].title(items.length)}
          role={severity === 'error' ? 'alert' : 'status'}
        >
          <List size="sm" spacing={4}>
            {items.map((f, i) => (
              <List.Item key={`${f.code}-${f.packageId ?? f.where ?? ''}-${i}`}>
                {f.where ? (
                  <Text span fw={600}>
                    {f.where}:{' '}
                  </Text>
                ) : null}
                {f.message}
                {f.hint ? (
                  <Text size="xs" c="dimmed">
                    {f.hint}
                  </Text>
                ) : null}
              </List.Item>
            ))}
          </List>
        </Alert>
      ))}
    </Stack>
  );
}
