import { join } from 'node:path';
import { EngineScreenPage } from '../e2e/pages';
import { closeApp, expect, launchApp, screenshot, test } from './fixtures';

test.describe('no engine answers', () => {
  test('the Engine screen says what it tried and how to start one, and keeps checking', async ({ user }) => {
    // A DOCKER_HOST with nothing behind it, as when Docker Desktop is installed but not running.
    const socket = join(user.root, 'docker.sock');
    const running = await launchApp(user, [], { DOCKER_HOST: `unix://${socket}` });
    const engine = new EngineScreenPage(running.page);
    await expect(engine.heading()).toBeVisible();
    await expect(engine.problem()).toContainText(socket);
    await expect(engine.installLink()).toBeVisible();
    await expect(engine.retry()).toBeEnabled();
    await engine.retry().click();
    await expect(engine.problem()).toContainText(socket);
    await screenshot(running.page, 'engine-none');
    await closeApp(running);
  });
});
