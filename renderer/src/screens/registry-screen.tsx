import { useState } from 'react';
import { Alert, Badge, Button, Card, Checkbox, Group, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconKey, IconLogin, IconLogout } from '@tabler/icons-react';
import type { LoginRecord } from '../../../electron/contract/domain/registry';
import { useLogins } from '../state/use-logins';
import { ErrorCodes, hasErrorCode } from '../../../electron/contract/errors';
import { call } from '../lib/api';
import { useAction } from '../lib/use-request';
import { ErrorNotice } from '../components/error-notice';
import { registryOfImage } from '../lib/names';
import { NextStepButton } from '../components/next-step-button';
import { useRecipe } from '../state/recipe-provider';
import type { StepId } from '../steps';

const registries = [
  { value: 'docker.io', label: 'Docker Hub' },
  { value: 'quay.io', label: 'quay.io' },
  { value: 'ghcr.io', label: 'GitHub (ghcr.io)' },
  { value: 'other', label: 'Another registry…' },
];

const storageText: Record<LoginRecord['storage'], string> = {
  keychain: 'saved in your keychain',
  session: 'for this session only',
  docker: 'from your Docker login',
};

/** The login form's choice for a registry host: one of the list, or "another" with its address. */
function formChoice(host: string): { registry: string; host: string } {
  return registries.some((r) => r.value === host && r.value !== 'other') ? { registry: host, host: '' } : { registry: 'other', host };
}

/** Log in once per registry; the secret goes to the OS keychain and never comes back to this screen. */
export function RegistryScreen({ onGoTo }: { onGoTo: (id: StepId) => void }) {
  const { logins, offers, loaded, error: loginsError, refresh } = useLogins();
  const { state } = useRecipe();
  // The image's own name says where it goes: the form starts there, not at Docker Hub.
  const imageRegistry = registryOfImage(state.recipe.imageName);
  const [registry, setRegistry] = useState(() => formChoice(imageRegistry).registry);
  const [host, setHost] = useState(() => formChoice(imageRegistry).host);
  const [wantsAnother, setWantsAnother] = useState(false);
  const imageLogin = logins.find((l) => l.registry.host === imageRegistry) ?? null;
  // Logged in where the image goes: only that is shown, with a way to log in elsewhere too.
  const showForm = loaded && (imageLogin === null || wantsAnother);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [sessionOnly, setSessionOnly] = useState(false);
  const login = useAction(async (session: boolean) => {
    await call('registry:login', { registry: registry === 'other' ? host : registry, username, password, sessionOnly: session });
    setPassword('');
    setWantsAnother(false);
    refresh();
  });
  const submit = (session = sessionOnly) => void login.run(session);
  // Logging out and taking over a Docker login change the list the same way, and fail the same way.
  const change = useAction(async (act: () => Promise<unknown>) => {
    await act();
    refresh();
  });

  return (
    <Stack maw={760} gap="lg">
      <div>
        <Title order={2}>Registry</Title>
        <Text c="dimmed" size="sm">
          Where the image goes. Log in once; the password or token is checked with the registry and kept in your operating system&apos;s keychain.
        </Text>
      </div>
      {logins.length > 0 ? (
        <Stack gap="xs" role="region" aria-label="Your logins">
          {logins.map((l) => (
            <Card key={l.registry.serverAddress} withBorder>
              <Group justify="space-between">
                <div>
                  <Text fw={600}>
                    {l.registry.displayName} as {l.username === '<token>' ? 'an access token' : l.username}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {storageText[l.storage]} · since {new Date(l.loggedInAt).toLocaleString()}
                  </Text>
                </div>
                <Button
                  variant="subtle"
                  color="gray"
                  leftSection={<IconLogout size={16} />}
                  onClick={() => void change.run(() => call('registry:logout', { serverAddress: l.registry.serverAddress }))}
                >
                  {l.storage === 'docker' ? 'Stop using' : 'Log out'}
                </Button>
              </Group>
            </Card>
          ))}
        </Stack>
      ) : null}
      {loginsError ? <ErrorNotice error={loginsError} title="Your logins could not be read" onRetry={refresh} /> : null}
      {change.error ? <ErrorNotice error={change.error} title="Your logins could not be changed" /> : null}
      {offers.map((o) => (
        <Alert key={o.registry.serverAddress} color="blue" icon={<IconKey />} title={o.question}>
          <Button size="xs" mt="xs" onClick={() => void change.run(() => call('registry:use-docker-login', { registry: o.registry.host }))}>
            Use it
          </Button>
        </Alert>
      ))}
      {loaded && imageLogin === null && logins.length > 0 ? (
        <Text size="sm" role="status">
          {state.recipe.imageName.trim() || 'The image'} goes to {imageRegistry === 'docker.io' ? 'Docker Hub' : imageRegistry}: log in there to push it.
        </Text>
      ) : null}
      {showForm ? (
        <Card
          withBorder
          component="form"
          aria-label="Log in to a registry"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <Stack gap="sm">
            <Title order={3} size="h4">
              Log in
            </Title>
            <Group grow align="flex-start">
              <Select label="Registry" data={registries} value={registry} onChange={(v) => setRegistry(v ?? 'docker.io')} allowDeselect={false} />
              {registry === 'other' ? (
                <TextInput label="Address" placeholder="registry.example.com:5000" value={host} onChange={(e) => setHost(e.currentTarget.value)} />
              ) : null}
            </Group>
            <TextInput label="Username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
            <PasswordInput
              label="Password or access token"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Checkbox
              label="Keep this login for this session only (nothing is saved)"
              checked={sessionOnly}
              onChange={(e) => setSessionOnly(e.currentTarget.checked)}
            />
            {login.error ? (
              <ErrorNotice error={login.error} title={hasErrorCode(login.error, ErrorCodes.wrongCredentials) ? undefined : 'Could not log in'}>
                {hasErrorCode(login.error, ErrorCodes.keychainUnavailable) ? (
                  <Button size="xs" onClick={() => submit(true)}>
                    Keep it for this session only
                  </Button>
                ) : null}
              </ErrorNotice>
            ) : null}
            <Group>
              <Button type="submit" loading={login.busy} disabled={username === '' || password === '' || (registry === 'other' && host === '')}>
                Log in
              </Button>
              {wantsAnother ? (
                <Button variant="default" onClick={() => setWantsAnother(false)}>
                  Cancel
                </Button>
              ) : null}
            </Group>
          </Stack>
        </Card>
      ) : null}
      {imageLogin && !wantsAnother ? (
        <Group justify="space-between">
          <Badge variant="light" color="green" size="lg">
            Ready to push
          </Badge>
          <Button variant="default" leftSection={<IconLogin size={16} />} onClick={() => setWantsAnother(true)}>
            Log in to another registry
          </Button>
        </Group>
      ) : null}
      <NextStepButton from="registry" onGoTo={onGoTo} ready={imageLogin !== null} />
    </Stack>
  );
}
