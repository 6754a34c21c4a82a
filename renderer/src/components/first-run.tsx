import { Button, List, Modal, Text, ThemeIcon } from '@mantine/core';
import { IconNumber1, IconNumber2, IconNumber3, IconNumber4, IconNumber5 } from '@tabler/icons-react';

const journey = [
  { icon: <IconNumber1 size={14} />, text: 'Check that Docker (or Colima, Rancher Desktop, Podman) is running on this computer.' },
  { icon: <IconNumber2 size={14} />, text: 'Choose the packages your notebooks need: pick them, drop a requirements.txt, or drop the notebooks themselves.' },
  { icon: <IconNumber3 size={14} />, text: 'Pick the Elyra version you run and the Python; name the image.' },
  { icon: <IconNumber4 size={14} />, text: 'Build it here and see whether Elyra can run it.' },
  { icon: <IconNumber5 size={14} />, text: 'Log in to your registry, push, and register the image in Elyra as a runtime image.' },
];

/** Shown once: the whole journey on one screen. */
export function FirstRun({ opened, onDone }: { opened: boolean; onDone: () => void }) {
  return (
    <Modal opened={opened} onClose={onDone} title="Welcome to Runtime Image Builder" size="lg" centered closeButtonProps={{ 'aria-label': 'Close' }}>
      <Text size="sm" mb="md">
        Elyra runs each notebook of a pipeline in a container image. This app makes that image for you, with the packages your notebooks import, without a
        terminal:
      </Text>
      <List spacing="sm" mb="lg">
        {journey.map((step) => (
          <List.Item
            key={step.text}
            icon={
              <ThemeIcon size={22} radius="xl">
                {step.icon}
              </ThemeIcon>
            }
          >
            <Text size="sm">{step.text}</Text>
          </List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mb="md">
        Your work is saved as you go. Passwords go to your operating system&apos;s keychain, never to a file.
      </Text>
      <Button fullWidth onClick={onDone}>
        Get started
      </Button>
    </Modal>
  );
}
