import { type ReactNode, useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { describeError, type ErrorAction } from '../../../electron/contract/error-advice';
import { type AppError, ErrorCodes } from '../../../electron/contract/errors';
import { call } from '../lib/api';
import type { StepId } from '../steps';

/** The step that holds the way forward for an action, when it is on another step. */
const STEP_FOR: Partial<Record<ErrorAction, { step: StepId; label: string }>> = {
  'log-in': { step: 'registry', label: 'Log in again' },
  'start-engine': { step: 'engine', label: 'Check the engine' },
  build: { step: 'build', label: 'Go to Build' },
  'edit-packages': { step: 'packages', label: 'Change the packages' },
};

export interface ErrorNoticeProps {
  error: AppError;
  /** What failed, e.g. "The push could not start"; else the code's own title. */
  title?: string;
  /** Try the same call again: offered whenever given, since the cause may be gone or fixed elsewhere. */
  onRetry?: () => void;
  /** Opens another step; without it, a step button is not offered. */
  onGoTo?: (step: StepId) => void;
  /** The step this notice is on: no button that leads back here. */
  here?: StepId;
  /** A way forward only this screen knows (e.g. "Keep it for this session only"). */
  children?: ReactNode;
}

/**
 * Every failure the window shows: what went wrong in the user's words, the error's own specific
 * message, what to do now, and a button for it. The words come from the contract's advice table,
 * the same the CLI prints.
 */
export function ErrorNotice({ error, title, onRetry, onGoTo, here, children }: ErrorNoticeProps) {
  const advice = describeError(error);
  const cancelled = error.code === ErrorCodes.cancelled;
  const step = STEP_FOR[advice.action];
  const [copied, setCopied] = useState<string | null>(null);
  const copyDetails = () => {
    const text = [advice.title, error.message, error.detail].filter(Boolean).join('\n');
    call('app:copy', { text }).then(
      () => setCopied('Copied the details.'),
      () => setCopied('The details could not be copied; select the text above instead.'),
    );
  };
  return (
    <Alert color={cancelled ? 'gray' : 'red'} role="alert" title={title ?? advice.title}>
      <Text size="sm">{error.message}</Text>
      {error.detail ? (
        <Text size="xs" c="dimmed" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
          {error.detail}
        </Text>
      ) : null}
      {cancelled ? null : (
        <Text size="sm" mt={4}>
          {advice.next}
        </Text>
      )}
      <Group mt="xs" gap="xs">
        {onRetry ? (
          <Button size="xs" leftSection={<IconRefresh size={14} />} onClick={onRetry}>
            {cancelled ? 'Start again' : 'Retry'}
          </Button>
        ) : null}
        {step && onGoTo && step.step !== here ? (
          <Button size="xs" variant="light" onClick={() => onGoTo(step.step)}>
            {step.label}
          </Button>
        ) : null}
        {children}
        {advice.action === 'report' ? (
          <Button size="xs" variant="default" onClick={copyDetails}>
            Copy details
          </Button>
        ) : null}
      </Group>
      {copied ? (
        <Text size="xs" mt={4} role="status">
          {copied}
        </Text>
      ) : null}
    </Alert>
  );
}
