import { useEffect, useState } from 'react';
import { Alert, Button, Card, Checkbox, Code, Group, Modal, Select, Stack, TagsInput, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconCloudUpload, IconCopy, IconFileCheck } from '@tabler/icons-react';
import type { ChannelResult } from '../../../electron/contract/ipc';
import { PullPolicy } from '../../../electron/contract/domain/elyra-metadata';
import { call } from '../lib/api';
import { type RequestState, useAction, useRequest } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { useRecipe } from '../state/recipe-provider';
import type { HistoryEntry } from '../../../electron/contract/domain/history';
import type { StepId } from '../steps';

type Plan = ChannelResult<'elyra:plan'>;

function displayNameFor(image: string): string {
  const last = image.split('/').pop() ?? image;
  return last.replace(/@sha256:.*/, '');
}

/** The newest successful push of this local image (or of this very name): what a cluster can pull. */
export function lastPushOf(localImage: string, entries: readonly HistoryEntry[]): HistoryEntry | null {
  const name = localImage.trim();
  if (name === '') return null;
  return entries.find((e) => e.kind === 'push' && e.result === 'succeeded' && (e.source === name || e.image === name)) ?? null;
}

type PushedLookup =
  { state: 'handed' } | { state: 'looking' } | { state: 'found'; entry: HistoryEntry } | { state: 'none'; local: string } | { state: 'failed' };

function pushedLookup(handed: string | null, localImage: string, history: RequestState<{ entries: HistoryEntry[] }>): PushedLookup {
  if (handed) return { state: 'handed' };
  if (history.error) return { state: 'failed' };
  if (!history.data) return { state: 'looking' };
  const entry = lastPushOf(localImage, history.data.entries);
  return entry ? { state: 'found', entry } : { state: 'none', local: localImage.trim() };
}

/** "Add to Elyra": the runtime-image file Elyra reads, previewed before it is written. */
export function ElyraScreen({ initialImage, onGoTo }: { initialImage: string | null; onGoTo: (id: StepId) => void }) {
  const { state } = useRecipe();
  // Elyra's cluster pulls from a registry: only a pushed reference is offered, never the local build name.
  const [imageName, setImageName] = useState(initialImage ?? '');
  const [displayName, setDisplayName] = useState(initialImage ? displayNameFor(initialImage) : '');
  const localImage = state.recipe.imageName;
  // Not needed when a reference was handed over (a finished push, a history entry).
  const history = useRequest(() => call('history:list', {}), [localImage], { enabled: !initialImage });
  const lookup = pushedLookup(initialImage, localImage, history);
  const found = lookup.state === 'found' ? lookup.entry.image : null;
  useEffect(() => {
    if (found === null) return;
    setImageName((typed) => typed || found);
    setDisplayName((typed) => typed || displayNameFor(found));
  }, [found]);
  const [description, setDescription] = useState(state.recipe.packages.map((p) => p.text).join(', '));
  const [tags, setTags] = useState<string[]>([]);
  const [pullPolicy, setPullPolicy] = useState<PullPolicy | null>('IfNotPresent');
  const [isPrivate, setPrivate] = useState(false);
  const [pullSecret, setPullSecret] = useState('');
  const [written, setWritten] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);

  const form = {
    imageName: imageName.trim(),
    displayName: displayName.trim(),
    ...(description.trim() ? { description: description.trim() } : {}),
    tags,
    pullPolicy,
    pullSecret: isPrivate && pullSecret.trim() ? pullSecret.trim() : null,
    private: isPrivate,
  };
  const formKey = JSON.stringify(form);

  // Previewed as the user types, once they pause; an answer for an older form is dropped.
  const planRequest = useRequest(() => call('elyra:plan', form), [formKey], {
    enabled: form.imageName !== '' && form.displayName !== '',
    delayMs: 200,
    keepData: true,
  });
  const plan: Plan | null = planRequest.data;
  const secretName = isPrivate ? (plan?.pullSecret?.secretName ?? null) : null;
  useEffect(() => {
    if (secretName !== null) setPullSecret((typed) => typed || secretName);
  }, [secretName]);

  const writer = useAction(async (replace: boolean) => {
    const result = await call('elyra:write', { ...form, replace });
    // The preview says "Will replace" before the window says it was added: a second press asks first.
    planRequest.setData(await call('elyra:plan', form));
    setWritten(`${result.replaced ? 'Replaced' : 'Added'} ${result.path}. Elyra lists it under Runtime Images on its next refresh.`);
  });
  const write = (replace: boolean) => {
    setConfirming(false);
    setWritten(null);
    void writer.run(replace);
  };
  const copier = useAction((text: string) => call('app:copy', { text }));
  const copy = (text: string) => void copier.run(text);

  return (
    <Stack maw={980} gap="md">
      <div>
        <Title order={2}>Use in Elyra</Title>
        <Text c="dimmed" size="sm">
          Registers the image as a runtime image, so it shows up in Elyra&apos;s pipeline editor.
        </Text>
      </div>
      {lookup.state === 'none' ? (
        <Alert color="orange" role="alert" title={lookup.local ? `${lookup.local} has not been pushed yet` : 'Nothing has been pushed yet'}>
          <Text size="sm">
            Elyra runs the image on a cluster, which pulls it from a registry: an image built on this computer only is not enough. Push it first, or type a
            reference that is already in a registry.
          </Text>
          <Button size="xs" mt="xs" leftSection={<IconCloudUpload size={14} />} onClick={() => onGoTo('push')}>
            Go to Push
          </Button>
        </Alert>
      ) : null}
      {history.error ? <ErrorNotice error={history.error} title="The history could not be read" onRetry={history.reload} /> : null}
      <TextInput
        label="Image"
        description={
          lookup.state === 'found' && imageName.trim() === lookup.entry.image
            ? `The pushed reference the cluster pulls (pushed ${new Date(lookup.entry.createdAt).toLocaleString()})`
            : 'The pushed reference the cluster pulls'
        }
        placeholder="registry.example.com/team/image:1.0"
        value={imageName}
        onChange={(e) => setImageName(e.currentTarget.value)}
        spellCheck={false}
      />
      <Group grow align="flex-start">
        <TextInput label="Display name" value={displayName} onChange={(e) => setDisplayName(e.currentTarget.value)} />
        <Select
          label="Pull policy"
          data={PullPolicy.options}
          value={pullPolicy}
          onChange={(v) => setPullPolicy(PullPolicy.safeParse(v).success ? (v as PullPolicy) : null)}
          clearable
        />
      </Group>
      <Textarea label="Description" autosize minRows={2} value={description} onChange={(e) => setDescription(e.currentTarget.value)} />
      <TagsInput label="Tags" description="Press Enter after each" value={tags} onChange={setTags} />
      <Checkbox
        label="The image is private: the cluster needs credentials to pull it"
        checked={isPrivate}
        onChange={(e) => setPrivate(e.currentTarget.checked)}
      />
      {isPrivate ? <TextInput label="Kubernetes pull secret" value={pullSecret} onChange={(e) => setPullSecret(e.currentTarget.value)} /> : null}
      {plan?.pullSecret && isPrivate ? (
        <Alert color="blue" title="Your cluster needs a pull secret" role="region" aria-label="Pull secret">
          <Text size="sm">{plan.pullSecret.message}</Text>
          {/* The command is one long line: it wraps inside the notice instead of running out of it. */}
          <Code block mt="xs" aria-label="Pull secret command" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {plan.pullSecret.command}
          </Code>
          <Button mt="xs" size="xs" variant="default" leftSection={<IconCopy size={14} />} onClick={() => plan.pullSecret && copy(plan.pullSecret.command)}>
            Copy kubectl command
          </Button>
        </Alert>
      ) : null}
      {planRequest.error ? <ErrorNotice error={planRequest.error} title="The runtime image could not be previewed" onRetry={planRequest.reload} /> : null}
      {writer.error ? <ErrorNotice error={writer.error} title="Nothing was written for Elyra" onRetry={() => write(false)} /> : null}
      {copier.error ? <ErrorNotice error={copier.error} title="Nothing was copied" /> : null}
      {plan?.plan.refusal ? (
        <Alert color="red" role="alert" title={`The name "${plan.plan.name}" is taken`}>
          {plan.plan.refusal}
        </Alert>
      ) : null}
      {plan ? (
        <Card withBorder>
          <Text size="sm" fw={600}>
            {plan.plan.exists ? 'Will replace ' : 'Will write '}
            <Text span ff="monospace" size="sm">
              {plan.plan.path}
            </Text>
          </Text>
          <Text size="xs" c="dimmed" mb="xs">
            The folder Elyra reads first ({plan.plan.directorySource}).
          </Text>
          <Code block aria-label="Runtime image preview">
            {plan.plan.json}
          </Code>
        </Card>
      ) : null}
      {written ? (
        <Alert color="green" role="status" icon={<IconFileCheck />}>
          {written}
        </Alert>
      ) : null}
      <Group>
        <Button disabled={!plan || plan.plan.refusal !== null} onClick={() => (plan?.plan.exists ? setConfirming(true) : write(false))} loading={writer.busy}>
          Add to Elyra
        </Button>
        <Button variant="default" leftSection={<IconCopy size={14} />} disabled={!plan} onClick={() => plan && copy(plan.command)}>
          Copy command
        </Button>
        <Button variant="default" leftSection={<IconCopy size={14} />} disabled={imageName.trim() === ''} onClick={() => copy(imageName.trim())}>
          Copy image name
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Replace the runtime image?" closeButtonProps={{ 'aria-label': 'Close' }}>
        <Text size="sm">Elyra already has a runtime image named {plan?.plan.name}. Replace it with this one?</Text>
        <Group mt="md" justify="flex-end">
          <Button variant="default" onClick={() => setConfirming(false)}>
            Keep the old one
          </Button>
          <Button color="red" onClick={() => write(true)}>
            Replace
          </Button>
        </Group>
      </Modal>
    </Stack>
  );
}
