import { useEffect, useState } from 'react';
import { Autocomplete, Button, Group, Select, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { CatalogEntry, PackageVersions } from '../../../electron/contract/domain/catalog';
import { call } from '../lib/api';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ANY = 'any';

/** Type a package (or pick one), choose a version from the index if you like, add it. */
export function AddPackageForm({ catalog, indexUrl, onAdd }: { catalog: readonly CatalogEntry[]; indexUrl: string | null; onAdd: (text: string) => void }) {
  const [name, setName] = useState('');
  const [version, setVersion] = useState<string>(ANY);
  const [versions, setVersions] = useState<PackageVersions | null>(null);
  const trimmed = name.trim();
  const plainName = NAME.test(trimmed);

  useEffect(() => {
    setVersions(null);
    setVersion(ANY);
    if (!plainName) return;
    let current = true;
    const timer = setTimeout(() => {
      void call('catalog:versions', { name: trimmed, indexUrl }).then((v) => {
        if (current) setVersions(v);
      });
    }, 350);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [trimmed, plainName, indexUrl]);

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
          onChange={setName}
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
      {versions && !versions.ok && versions.message ? (
        <Text size="xs" c="dimmed" mt={4} role="status">
          {versions.message}
        </Text>
      ) : null}
    </form>
  );
}
