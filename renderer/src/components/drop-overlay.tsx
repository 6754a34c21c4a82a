import { useEffect, useState } from 'react';
import { Overlay, Stack, Text, Title } from '@mantine/core';
import { IconFileImport } from '@tabler/icons-react';

/** The whole window takes dropped files; while something is dragged over it, it says what it accepts. */
export function DropOverlay({ onDrop }: { onDrop: (files: File[]) => void }) {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth += 1;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const over = (e: DragEvent) => {
      if (hasFiles(e)) e.preventDefault();
    };
    const drop = (e: DragEvent) => {
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length > 0) onDrop(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', over);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', over);
      window.removeEventListener('drop', drop);
    };
  }, [onDrop]);
  if (!dragging) return null;
  return (
    <Overlay fixed backgroundOpacity={0.6} blur={2} zIndex={500} center>
      <Stack align="center" gap="xs" c="white">
        <IconFileImport size={56} />
        <Title order={2} c="white">
          Drop to add packages
        </Title>
        <Text c="white">requirements.txt, notebooks (.ipynb), scripts (.py) or folders of them</Text>
      </Stack>
    </Overlay>
  );
}
