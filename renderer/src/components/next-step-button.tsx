import { Button, Group } from '@mantine/core';
import { IconArrowRight } from '@tabler/icons-react';
import { stepAfter, type StepId } from '../steps';

/** The journey's primary way forward: shown on a step once it is done, so nobody has to hunt the sidebar. */
export function NextStepButton({ from, onGoTo, ready = true }: { from: StepId; onGoTo: (id: StepId) => void; ready?: boolean }) {
  const next = stepAfter(from);
  if (!next || !ready) return null;
  return (
    <Group justify="flex-end">
      <Button rightSection={<IconArrowRight size={16} />} onClick={() => onGoTo(next.id)}>
        Next: {next.label}
      </Button>
    </Group>
  );
}
