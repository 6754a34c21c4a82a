import type { Page } from '@playwright/test';

/** Page objects: what a user sees and does, found by role and label as a screen reader would. */
export class EngineScreenPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Container engine' });
  }

  connected() {
    return this.page.getByRole('status').filter({ hasText: /^Connected to / });
  }

  problem() {
    return this.page.getByRole('alert');
  }

  retry() {
    return this.page.getByRole('button', { name: 'Retry' });
  }

  installLink() {
    return this.page.getByRole('button', { name: 'Install Docker' });
  }
}

export class JourneyNav {
  constructor(private readonly page: Page) {}

  step(name: string) {
    return this.page.getByRole('navigation', { name: 'Journey' }).getByRole('button', { name: new RegExp(name) });
  }
}
