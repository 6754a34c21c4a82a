import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: root });

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('rejects electron in a service', async () => {
    const messages = await lint('electron/services/engine/bad.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(messages.join('\n')).toMatch(/services run under plain Node/);
  });

  it('rejects a service reaching into the Electron glue', async () => {
    const messages = await lint('electron/services/engine/bad.ts', "import { x } from '../../main/window';\nexport const y = x;\n");
    expect(messages).toHaveLength(1);
  });

  it('rejects Node and main-process code in the renderer, but allows the contract', async () => {
    expect(await lint('renderer/src/bad.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n")).toHaveLength(1);
    expect(await lint('renderer/src/bad.ts', "import { x } from '../../electron/services/engine/discover';\nexport const y = x;\n")).toHaveLength(1);
    expect(await lint('renderer/src/ok.ts', "import { AppError } from '../../electron/contract/errors';\nexport const y = AppError;\n")).toEqual([]);
  });

  it('rejects Node modules in the contract', async () => {
    expect(await lint('electron/contract/bad.ts', "import { join } from 'node:path';\nexport const j = join;\n")).toHaveLength(1);
  });

  it('allows electron in main and preload', async () => {
    expect(await lint('electron/main/ok.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });
});
