import type { ReactNode } from 'react';
import { Button } from '@mantine/core';
import { IconPlayerStop } from '@tabler/icons-react';

/** The red Cancel beside a running job's start button; busy while the cancel is on its way. */
export function CancelJobButton({ busy, onCancel, children }: { busy: boolean; onCancel: () => void; children: ReactNode }) {
  return (
    <Button color="red" variant="light" leftSection={<IconPlayerStop size={16} />} onClick={onCancel} loading={busy}>
      {children}
    </Button>
  );
}
