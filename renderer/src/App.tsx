import { useEffect, useState } from 'react';
import { AppShell, Group, Text, Title } from '@mantine/core';
import { StepNav } from './components/StepNav';
import { EngineScreen } from './screens/EngineScreen';
import { isStepId, steps, type StepId } from './steps';
import { subscribe } from './lib/api';

export function App() {
  const [screen, setScreen] = useState<StepId>('engine');

  useEffect(
    () =>
      subscribe('app:navigate', ({ screen: target }) => {
        if (isStepId(target) && steps.find((s) => s.id === target)?.enabled) setScreen(target);
      }),
    [],
  );

  return (
    <AppShell navbar={{ width: 240, breakpoint: 0 }} header={{ height: 52 }} padding="lg">
      <AppShell.Header>
        <Group h="100%" px="md" gap="xs">
          <Title order={1} size="h4">
            Runtime Image Builder
          </Title>
          <Text size="sm" c="dimmed">
            custom runtime images for Elyra
          </Text>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Steps">
        <StepNav active={screen} onSelect={setScreen} />
      </AppShell.Navbar>
      <AppShell.Main>{screen === 'engine' ? <EngineScreen /> : null}</AppShell.Main>
    </AppShell>
  );
}
