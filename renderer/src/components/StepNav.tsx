import { NavLink, Stack } from '@mantine/core';
import { steps, type StepId } from '../steps';

export function StepNav({ active, onSelect }: { active: StepId; onSelect: (id: StepId) => void }) {
  return (
    <nav aria-label="Journey">
      <Stack gap={2}>
        {steps.map((step, index) => (
          <NavLink
            key={step.id}
            component="button"
            active={step.id === active}
            disabled={!step.enabled}
            aria-disabled={!step.enabled}
            aria-current={step.id === active ? 'step' : undefined}
            label={`${index + 1}. ${step.label}`}
            description={step.enabled ? step.description : `${step.description} (coming soon)`}
            onClick={() => onSelect(step.id)}
          />
        ))}
      </Stack>
    </nav>
  );
}
