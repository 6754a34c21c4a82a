import { Divider, NavLink, Stack } from '@mantine/core';
import { places, steps, type ScreenId } from '../steps';

export function StepNav({ active, onSelect }: { active: ScreenId; onSelect: (id: ScreenId) => void }) {
  return (
    <nav aria-label="Journey">
      <Stack gap={2}>
        {steps.map((step, index) => (
          <NavLink
            key={step.id}
            component="button"
            active={step.id === active}
            variant="filled"
            aria-current={step.id === active ? 'step' : undefined}
            label={`${index + 1}. ${step.label}`}
            description={step.description}
            onClick={() => onSelect(step.id)}
          />
        ))}
        <Divider my="sm" />
        {places.map((place) => (
          <NavLink key={place.id} component="button" variant="filled" active={place.id === active} label={place.label} onClick={() => onSelect(place.id)} />
        ))}
      </Stack>
    </nav>
  );
}
