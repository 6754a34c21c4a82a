import { List, Text, ThemeIcon } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconX } from '@tabler/icons-react';
import type { VerifyReport } from '../../../electron/contract/domain/verify';

const look = {
  pass: { color: 'green', icon: <IconCheck size={14} />, word: 'Passed' },
  warn: { color: 'yellow', icon: <IconAlertTriangle size={14} />, word: 'Warning' },
  fail: { color: 'red', icon: <IconX size={14} />, word: 'Failed' },
} as const;

/** What running the image the way Elyra does showed, item by item, with the fix for what failed. */
export function VerifyChecklist({ report }: { report: VerifyReport }) {
  return (
    <List spacing="xs" aria-label="Image checks" center>
      {report.items.map((item) => (
        <List.Item
          key={item.id}
          icon={
            <ThemeIcon color={look[item.status].color} size={22} radius="xl" aria-label={look[item.status].word}>
              {look[item.status].icon}
            </ThemeIcon>
          }
        >
          <Text size="sm" fw={600}>
            {item.title}
          </Text>
          <Text size="sm" c="dimmed">
            {item.detail}
          </Text>
          {item.fix ? (
            <Text size="sm" c={item.status === 'fail' ? 'red' : 'orange'}>
              {item.fix}
            </Text>
          ) : null}
        </List.Item>
      ))}
    </List>
  );
}
