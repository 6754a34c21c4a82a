import { useEffect, useMemo, useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, Loader, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { IconNotebook } from '@tabler/icons-react';
import type { InferenceResult, InferredPackage, ReviewReason } from '../../../electron/contract/domain/infer';
import type { PackageEntry } from '../../../electron/contract/domain/recipe';
import { baseName, normalizeName } from '../lib/names';
import { newId } from '../state/recipe-state';

const reasonText: Record<ReviewReason, string> = {
  'unconfirmed-name': 'not a name we know, and the package index could not confirm it',
  'not-on-index': 'the package index has no package of this name',
  'ambiguous-name': 'several packages install this import name: choose the one the code uses',
  'removed-from-stdlib': 'part of older Pythons only: it needs a package on this one',
  'stdlib-in-newer-python': 'built into newer Pythons only',
};

const confidenceColor = { high: 'green', medium: 'yellow', low: 'gray' } as const;

/** "imported in train.ipynb, cell 4" — the first place that needs the package. */
function whereFound(pkg: InferredPackage): string {
  const first = pkg.occurrences[0];
  if (!first) return '';
  const place = first.cell !== null ? `${baseName(first.file)}, cell ${first.cell}` : `${baseName(first.file)}, line ${first.line}`;
  const verb = first.kind === 'pip-install' ? 'installed with %pip in' : first.kind === 'magic' ? 'needed by a magic in' : 'imported in';
  const more = pkg.occurrences.length > 1 ? ` and ${pkg.occurrences.length - 1} more place${pkg.occurrences.length > 2 ? 's' : ''}` : '';
  return `${verb} ${place}${more}`;
}

/** The requirement to add: the %pip spec as written, or the distribution the user picked among the candidates. */
function toEntry(pkg: InferredPackage, picked: string | undefined, id: string): PackageEntry {
  const first = pkg.occurrences[0];
  return {
    id,
    text: picked !== undefined && pkg.requirement === pkg.distribution ? picked : pkg.requirement,
    origin: { file: first ? baseName(first.file) : null, line: first?.line ?? null, cell: first?.cell ?? null },
  };
}

/** What the notebooks need, for the user to confirm: sure ones ticked, the ones to decide on flagged. */
export function InferenceReview({
  state,
  inRecipe = new Set(),
  onAdd,
  onDismiss,
}: {
  state: { result: InferenceResult | null; busy: boolean; error: string | null };
  /** Normalized names of the packages the recipe already has (a requirements file dropped with the notebooks). */
  inRecipe?: ReadonlySet<string>;
  onAdd: (entries: PackageEntry[]) => void;
  onDismiss: () => void;
}) {
  const all = useMemo(() => [...(state.result?.packages ?? []), ...(state.result?.unknown ?? [])], [state.result]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  // For an import name several distributions install: the one picked, keyed by the recommended one.
  const [picked, setPicked] = useState<Map<string, string>>(new Map());
  // A package the recipe already lists is not ticked: adding it again would only say "listed twice".
  const known = [...inRecipe].sort().join(' ');
  useEffect(() => {
    const listed = new Set(known.split(' '));
    setChosen(
      new Set((state.result?.packages ?? []).filter((p) => p.confidence !== 'low' && !listed.has(normalizeName(p.distribution))).map((p) => p.distribution)),
    );
    setPicked(new Map());
  }, [state.result, known]);

  if (state.busy) {
    return (
      <Card withBorder>
        <Group role="status">
          <Loader size="sm" />
          <Text>Reading your notebooks…</Text>
        </Group>
      </Card>
    );
  }
  if (state.error) {
    return (
      <Alert color="red" title="The notebooks could not be read" role="alert" withCloseButton onClose={onDismiss}>
        {state.error}
      </Alert>
    );
  }
  const result = state.result;
  if (!result) return null;
  const toggle = (name: string, on: boolean) =>
    setChosen((current) => {
      const next = new Set(current);
      if (on) next.add(name);
      else next.delete(name);
      return next;
    });
  const add = () => {
    onAdd(all.filter((p) => chosen.has(p.distribution)).map((p) => toEntry(p, picked.get(p.distribution), newId('nb'))));
    onDismiss();
  };
  const read = result.files.filter((f) => f.read).length;
  const neighbours = result.files.filter((f) => f.read && f.via !== null).length;

  return (
    <Card withBorder component="section" aria-label="Packages found in your notebooks">
      <Group justify="space-between" mb="xs">
        <Group gap="xs">
          <IconNotebook size={18} />
          <Title order={3} size="h4">
            Found in your notebooks
          </Title>
        </Group>
        <Text size="sm" c="dimmed">
          {read} file{read === 1 ? '' : 's'} read{neighbours > 0 ? ` (${neighbours} of them imported or run by the others)` : ''} ·{' '}
          {result.excluded.stdlib.length} standard-library and {result.excluded.local.length} local modules left out
        </Text>
      </Group>
      <Stack gap="xs">
        {result.index.status === 'unreachable' && result.index.message ? (
          <Text size="sm" c="dimmed">
            {result.index.message}
          </Text>
        ) : null}
        {result.findings.map((f, i) => (
          <Text key={i} size="sm" c="orange">
            {f.file ? `${baseName(f.file)}${f.cell ? `, cell ${f.cell}` : ''}${f.line ? `, line ${f.line}` : ''}: ` : ''}
            {f.message}
          </Text>
        ))}
        {all.length === 0 ? (
          <Text c="dimmed">No third-party imports found.</Text>
        ) : (
          <Table aria-label="Inferred packages">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={40}>Add</Table.Th>
                <Table.Th>Package</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th>Confidence</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {all.map((pkg) => (
                <Table.Tr key={pkg.distribution}>
                  <Table.Td>
                    <Checkbox
                      aria-label={`Add ${pkg.distribution}`}
                      checked={chosen.has(pkg.distribution)}
                      onChange={(e) => toggle(pkg.distribution, e.currentTarget.checked)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {pkg.candidates.length > 1 && pkg.requirement === pkg.distribution ? (
                      <CandidateChoice
                        pkg={pkg}
                        value={picked.get(pkg.distribution) ?? pkg.distribution}
                        onChange={(name) => setPicked((current) => new Map(current).set(pkg.distribution, name))}
                      />
                    ) : (
                      <Text size="sm" ff="monospace">
                        {pkg.requirement}
                      </Text>
                    )}
                    {pkg.importNames.length > 0 && pkg.importNames[0] !== pkg.distribution ? (
                      <Text size="xs" c="dimmed">
                        import {pkg.importNames.join(', ')}
                      </Text>
                    ) : null}
                    {inRecipe.has(normalizeName(pkg.distribution)) ? (
                      <Text size="xs" c="dimmed">
                        Already in the image
                      </Text>
                    ) : null}
                    {pkg.reviewReason ? (
                      <Text size="xs" c="orange">
                        Decide: {reasonText[pkg.reviewReason]}
                      </Text>
                    ) : null}
                    {/* The note is about the recommended candidate: another one picked shows its own. */}
                    {pkg.note && (picked.get(pkg.distribution) ?? pkg.distribution) === pkg.distribution ? (
                      <Text size="xs" c="dimmed">
                        {pkg.note}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{whereFound(pkg)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={confidenceColor[pkg.confidence]}>
                      {pkg.confidence}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <Group justify="flex-end">
          <Button variant="subtle" color="gray" onClick={onDismiss}>
            Discard
          </Button>
          <Button onClick={add} disabled={chosen.size === 0}>
            Add {chosen.size} package{chosen.size === 1 ? '' : 's'}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/** The distributions that install the same import name, the recommended one first, with what sets the picked one apart. */
function CandidateChoice({ pkg, value, onChange }: { pkg: InferredPackage; value: string; onChange: (name: string) => void }) {
  const note = pkg.candidates.find((c) => c.distribution === value)?.note ?? null;
  return (
    <Stack gap={2}>
      <NativeSelect
        size="xs"
        ff="monospace"
        aria-label={`Package for import ${pkg.importNames.join(', ')}`}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
        data={pkg.candidates.map((c, i) => ({
          value: c.distribution,
          label: i === 0 && pkg.reviewReason !== 'ambiguous-name' ? `${c.distribution} (recommended)` : c.distribution,
        }))}
      />
      {note && (value !== pkg.distribution || pkg.reviewReason === 'ambiguous-name') ? (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      ) : null}
    </Stack>
  );
}
