import { useState } from 'react';
import { Autocomplete, Button, Group, Select, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { CatalogEntry } from '../../../electron/contract/domain/catalog';
import { call } from '../lib/api';
import { useRequest } from '../lib/use-request';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ANY = 'any';

/** Type a package (or pick one), choose a version from the index if you like, add it. */
export function AddPackageForm({ catalog, indexUrl, onAdd }: { catalog: readonly CatalogEntry[]; indexUrl: string | null; onAdd: (text: string) => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState<string>(ANY);
  const trimmed = name.trim();
  const plainName = NAME.test(trimmed);
  // Asked once the user pauses typing; an answer for a name typed earlier is dropped.
  const request = useRequest(() => call('catalog:versions', { name: trimmed, indexUrl }), [trimmed, indexUrl], { enabled: plainName, delayMs: 350 });
  const versions = request.data;
  const versionsNote = request.error ? `No versions could be listed: ${request.error.message}` : versions && !versions.ok ? versions.message : null;

  const add = () => {
    if (trimmed === '') return;
    onAdd(plainName && version !== ANY ? `${trimmed}==${version}` : trimmed);
    setName('');
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        add();
      }}
    >
      <Group align="flex-end" gap="sm" wrap="nowrap">
        <Autocomplete
          label="Package"
          description="A name, or a full line such as pandas>=2.2"
          placeholder="pandas"
          data={catalog.map((c) => c.name)}
          value={name}
          onChange={(value) => {
            setName(value);
            setVersion(ANY);
          }}
          style={{ flex: 2 }}
          limit={8}
        />
        <Select
          label="Version"
          description={versions?.ok ? `${versions.versions.length} released` : 'Newest that fits'}
          data={[{ value: ANY, label: 'Any version' }, ...(versions?.versions ?? []).slice(0, 200).map((v) => ({ value: v, label: v }))]}
          value={version}
          onChange={(v) => setVersion(v ?? ANY)}
          disabled={!plainName}
          searchable
          allowDeselect={false}
          style={{ flex: 1 }}
        />
        <Button type="submit" leftSection={<IconPlus size={16} />} disabled={trimmed === ''}>
          Add
        </Button>
      </Group>
      {versionsNote ? (
        <Text size="xs" c="dimmed" mt={4} role="status">
          {versionsNote}
        </Text>
      ) : null}
    </form>
  );
}
