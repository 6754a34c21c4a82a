import Dockerode from 'dockerode';
import { expect, type Page } from '@playwright/test';
import { buildRandomImage } from '../fixtures/push-events/tools/random-image';
import { JourneyNav } from '../e2e/pages';

const registryUser = process.env['RIB_REGISTRY_USER'] ?? 'testuser';
const registryPassword = process.env['RIB_REGISTRY_PASSWORD'] ?? 'testpass';
const baseImage = process.env['RIB_BASE_IMAGE'] ?? 'python:3.11-slim';

function engine(): Dockerode {
  const host = process.env['DOCKER_HOST'];
  if (!host?.startsWith('unix://')) throw new Error('DOCKER_HOST (unix://…) is not set: source the test environment (env.sh)');
  return new Dockerode({ socketPath: host.replace(/^unix:\/\//, '') });
}

/**
 * A local image with one layer of fresh random bytes, so a push has real uploading to do (nothing
 * the registry could mount). Named with "desktop" so it is recognisably this suite's.
 */
export async function makeLocalImage(label: string, bytes = 24_000_000): Promise<string> {
  const tag = `desktop/${label}:${Date.now()}`;
  await buildRandomImage(engine(), { tag, base: baseImage, layerBytes: [bytes] });
  return tag;
}

export async function removeLocalImage(tag: string): Promise<void> {
  await engine()
    .getImage(tag)
    .remove({ force: true })
    .catch(() => undefined);
}

/** Logs in through the Registry screen to a registry at `address` ("Another registry…"). */
export async function logIn(page: Page, address: string): Promise<void> {
  await new JourneyNav(page).go('Registry');
  const form = page.getByRole('form', { name: 'Log in to a registry' });
  await form.getByRole('combobox', { name: 'Registry' }).click();
  await page.getByRole('option', { name: 'Another registry…' }).click();
  await form.getByRole('textbox', { name: 'Address' }).fill(address);
  await form.getByRole('textbox', { name: 'Username' }).fill(registryUser);
  await form.getByLabel('Password or access token').fill(registryPassword);
  await form.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('region', { name: 'Your logins' }).filter({ hasText: address }).waitFor();
}

let pushes = 0;

/**
 * Pushes `local` from the Push screen to the registry at `address`, to a repository no push used
 * before (so every layer is uploaded, none is already there); answers the reference pushed to.
 */
export async function startPush(page: Page, local: string, address: string): Promise<string> {
  await new JourneyNav(page).go('Push');
  await page.getByRole('textbox', { name: 'Local image' }).fill(local);
  const target = page.getByRole('textbox', { name: 'Push as' });
  // The screen's suggestion (same path and tag on that registry) comes first; ours replaces it.
  await expect(target).toHaveValue(`${address}/${local}`);
  const [repository, tag] = local.split(':');
  const reference = `${address}/${repository}-${process.pid}-${(pushes += 1)}:${tag}`;
  await target.fill(reference);
  await page.getByRole('button', { name: 'Push', exact: true }).click();
  return reference;
}
