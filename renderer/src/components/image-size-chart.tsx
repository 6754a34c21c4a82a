import { Group, Progress, Stack, Text, Tooltip } from '@mantine/core';
import type { ImageSizeReport } from '../../../electron/contract/domain/verify';
import { formatBytes } from '../../../electron/contract/figures';
import { LayerChangesView } from './layer-changes-view';

const partColor = { base: 'gray', system: 'cyan', elyra: 'grape', user: 'indigo', other: 'orange' } as const;

/** What makes the image big: its layers by part of the recipe, and the largest Python packages. */
export function ImageSizeChart({ report, image }: { report: ImageSizeReport; image?: string }) {
  const total = Math.max(1, report.totalBytes);
  const biggest = Math.max(1, ...report.largestPackages.map((p) => p.sizeBytes));
  return (
    <Stack gap="md" role="region" aria-label="Image size">
      <div>
        <Group justify="space-between" mb={4}>
          <Text size="sm" fw={600}>
            {formatBytes(report.totalBytes)} in all
          </Text>
          <Text size="xs" c="dimmed">
            a push sends about {formatBytes(report.addedBytes)} when the registry already has the base
          </Text>
        </Group>
        <Progress.Root size={22} aria-label="Size by part">
          {report.parts
            .filter((p) => p.sizeBytes > 0)
            .map((p) => (
              <Tooltip key={p.part} label={`${p.label}: ${formatBytes(p.sizeBytes)}`}>
                <Progress.Section value={(p.sizeBytes / total) * 100} color={partColor[p.part]}>
                  <Progress.Label>{p.sizeBytes / total > 0.12 ? p.label : ''}</Progress.Label>
                </Progress.Section>
              </Tooltip>
            ))}
        </Progress.Root>
        <Group gap="md" mt={6}>
          {report.parts.map((p) => (
            <Text key={p.part} size="xs" c={partColor[p.part]}>
              ■ {p.label} {formatBytes(p.sizeBytes)}
            </Text>
          ))}
        </Group>
      </div>
      {report.changes && image ? <LayerChangesView changes={report.changes} image={image} /> : null}
      {report.largestPackages.length > 0 ? (
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            Largest Python packages
          </Text>
          {report.largestPackages.map((p) => (
            <Group key={p.name} gap="xs" wrap="nowrap">
              <Text size="xs" w={180} truncate>
                {p.name} {p.version}
              </Text>
              <Progress value={(p.sizeBytes / biggest) * 100} style={{ flex: 1 }} aria-label={`${p.name} size`} />
              <Text size="xs" w={70} ta="right">
                {formatBytes(p.sizeBytes)}
              </Text>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  );
}
