import { Badge, Group, Stack, Text } from '@mantine/core';
import type { LayerChanges } from '../../../electron/contract/domain/layers';
import { formatBytes } from '../../../electron/contract/figures';
import { call } from '../lib/api';
import { useRequest } from '../lib/use-request';
import { ErrorNotice } from './error-notice';

/** An instruction the way a person scans it: what pip installs, which list was copied. */
function shortLayer(instruction: string): string {
  return instruction
    .replace(/^RUN (--mount=\S+ )?python3 -m pip install (--cache-dir=\S+ )?/, 'pip install ')
    .replace(/^COPY file:[0-9a-f]+ in /, 'COPY a package list to ')
    .replace(/\/tmp\/runtime-image-builder\//g, '');
}

/** After a rebuild: which layers changed since the previous build of the image, and what a push will send. */
export function LayerChangesView({ changes, image }: { changes: LayerChanges; image: string }) {
  const estimate = useRequest(() => call('push:estimate', { image }), [image]);
  const changed = changes.layers.filter((l) => l.changed);
  const first = changes.previousBuildAt === null;
  return (
    <Stack gap={4} role="region" aria-label="Changes since the last build">
      <Text size="sm" fw={600}>
        {first
          ? 'First build of this image: every layer is new'
          : `Since the last build (${new Date(changes.previousBuildAt ?? '').toLocaleString()}): ${changed.length} of ${changes.layers.length} layers changed, ${formatBytes(changes.changedBytes)}`}
      </Text>
      {first
        ? null
        : changes.layers.map((l, i) => (
            <Group key={`${l.diffId}-${i}`} gap="xs" wrap="nowrap">
              <Badge size="xs" w={72} variant={l.changed ? 'filled' : 'light'} color={l.changed ? 'orange' : 'gray'}>
                {l.changed ? 'changed' : 'same'}
              </Badge>
              <Text size="xs" ff="monospace" truncate style={{ flex: 1 }} c={l.changed ? undefined : 'dimmed'} title={l.instruction}>
                {shortLayer(l.instruction)}
              </Text>
              <Text size="xs" w={70} ta="right" c={l.changed ? undefined : 'dimmed'}>
                {formatBytes(l.sizeBytes)}
              </Text>
            </Group>
          ))}
      {estimate.error ? <ErrorNotice error={estimate.error} title="What a push would send is not known" onRetry={estimate.reload} /> : null}
      {estimate.data ? (
        <Text size="sm" role="status" aria-label="What a push will send">
          {estimate.data.basis === 'registry'
            ? `A push to ${estimate.data.reference ?? ''} will send ${formatBytes(estimate.data.bytes)}: ${estimate.data.layers} of ${estimate.data.totalLayers} layers, the ones the registry does not have yet (before compression).`
            : `A push will send about ${formatBytes(estimate.data.bytes)}: the ${estimate.data.layers} layers changed since the last build (an estimate${estimate.data.note ? `; ${estimate.data.note}` : ''}).`}
        </Text>
      ) : estimate.loading ? (
        <Text size="xs" c="dimmed">
          Asking the registry what a push would send…
        </Text>
      ) : null}
    </Stack>
  );
}
