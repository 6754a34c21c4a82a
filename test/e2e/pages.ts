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
    return this.page.getByRole('navigation', { name: 'Journey' }).getByRole('button', { name: new RegExp(`^(\\d+\\. )?${name}`) });
  }

  async go(name: string) {
    await this.step(name).click();
  }
}

export class PackagesScreenPage {
  constructor(private readonly page: Page) {}

  heading() {
    return this.page.getByRole('heading', { name: 'Packages', level: 2 });
  }

  packageInput() {
    return this.page.getByRole('combobox', { name: 'Package' });
  }

  versionSelect() {
    return this.page.getByRole('combobox', { name: 'Version' });
  }

  addButton() {
    return this.page.getByRole('button', { name: 'Add', exact: true });
  }

  packageTable() {
    return this.page.getByRole('table', { name: 'Packages in the image' });
  }

  fileCard(name: string) {
    return this.page.getByRole('region', { name: `File ${name}` });
  }

  checks() {
    return this.page.getByLabel('Package checks');
  }

  /** Drops files on the window as a user would drag them from their file manager. */
  async dropFiles(files: { name: string; content: string | Buffer }[]) {
    const payload = files.map((f) => ({ name: f.name, base64: Buffer.from(f.content).toString('base64') }));
    await this.page.evaluate((items) => {
      const transfer = new DataTransfer();
      for (const item of items) {
        const bytes = Uint8Array.from(atob(item.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], item.name));
      }
      for (const type of ['dragenter', 'dragover', 'drop']) {
        window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    }, payload);
  }
}

export class BaseScreenPage {
  constructor(private readonly page: Page) {}

  imageName() {
    return this.page.getByRole('textbox', { name: 'Image name' });
  }

  dockerfile() {
    return this.page.getByLabel('Dockerfile preview');
  }
}

export class RegistryScreenPage {
  constructor(private readonly page: Page) {}

  form() {
    return this.page.getByRole('form', { name: 'Log in to a registry' });
  }

  logins() {
    return this.page.getByLabel('Your logins');
  }

  /** Logs in to a registry that is not in the list (e.g. 127.0.0.1:5000), from the Registry step. */
  async logInToAnother(registry: string, user: string, secret: string, { sessionOnly = false } = {}) {
    await new JourneyNav(this.page).go('Registry');
    const form = this.form();
    await form.getByRole('combobox', { name: 'Registry' }).click();
    await this.page.getByRole('option', { name: 'Another registry…' }).click();
    await form.getByRole('textbox', { name: 'Address' }).fill(registry);
    await form.getByRole('textbox', { name: 'Username' }).fill(user);
    await form.getByLabel('Password or access token').fill(secret);
    if (sessionOnly) await form.getByRole('checkbox').check();
    await form.getByRole('button', { name: 'Log in' }).click();
  }
}
