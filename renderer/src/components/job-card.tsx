import type { ReactNode } from 'react';
import { Card, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobSnapshot } from '../../../electron/contract/domain/job';
import { AppError, ErrorCodes } from '../../../electron/contract/errors';
import type { StepId } from '../steps';
import { ErrorNotice } from './error-notice';
import { LogView } from './log-view';

export interface JobCardProps {
  snapshot: JobSnapshot;
  log: readonly string[];
  /** What the job is doing or how it ended, in a few words ("Step 2 of 7: RUN …", "Pushed"). */
  headline: string;
  /** The figures beside the headline (elapsed time, bytes sent), with what they are for a screen reader. */
  figures: { label: string; text: string } | null;
  /** 0–100; null: no bar. */
  percent: number | null;
  progressLabel: string;
  logLabel: string;
  logHeight?: number;
  onRetry: () => void;
  onGoTo: (step: StepId) => void;
  here: StepId;
  /** The job's result, between the failure and the log. */
  children?: ReactNode;
}

/**
 * A build or a push as main runs it: the headline and figures, the bar, how it failed with the
 * way forward, its result and its log. Build and Push differ only in what they put in it.
 */
export function JobCard({ snapshot, log, headline, figures, percent, progressLabel, logLabel, logHeight, onRetry, onGoTo, here, children }: JobCardProps) {
  const running = snapshot.status === 'running';
  const ended = snapshot.status === 'failed' || snapshot.status === 'cancelled';
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={600} role="status" aria-live="polite">
            {headline}
          </Text>
          {figures ? (
            <Text size="sm" c="dimmed" aria-label={figures.label}>
              {figures.text}
            </Text>
          ) : null}
        </Group>
        {percent !== null ? <Progress value={percent} animated={running} aria-label={progressLabel} /> : null}
        {ended ? (
          <ErrorNotice
            error={snapshot.error ? AppError.fromPayload(snapshot.error) : new AppError(ErrorCodes.internal, 'It ended without saying why.')}
            onRetry={onRetry}
            onGoTo={onGoTo}
            here={here}
          />
        ) : null}
        {children}
        <LogView lines={log} label={logLabel} height={logHeight} />
      </Stack>
    </Card>
  );
}
