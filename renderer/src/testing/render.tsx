import type { ReactElement, ReactNode } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { NO_INSTALL_OPTIONS, type Recipe, type RecipePlan } from '../../../electron/contract/domain/recipe';
import { RecipeProvider } from '../state/recipe-provider';
import { cssVariablesResolver, theme } from '../theme';

export const testRecipe: Recipe = {
  packages: [{ id: 'pkg-1', text: 'pandas', origin: { file: null, line: null } }],
  constraints: [],
  elyraVersion: '4.1',
  pythonVersion: '3.12',
  base: { kind: 'slim' },
  preinstallElyraPins: true,
  elyraInstallPackages: true,
  platform: 'linux/amd64',
  imageName: 'alice/tools:1.0',
  index: { indexUrl: null, extraIndexUrls: [], trustedHosts: [] },
  pre: false,
  installOptions: NO_INSTALL_OPTIONS,
  allowSystemPip: false,
};

function Providers({ recipe, children }: { recipe: Recipe | null; children: ReactNode }) {
  const inner = recipe ? <RecipeProvider initial={recipe}>{children}</RecipeProvider> : children;
  return (
    <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
      {inner}
    </MantineProvider>
  );
}

/** A screen as the app shows it: Mantine's theme, and the recipe it works on (null: none needed). */
export function renderScreen(ui: ReactElement, recipe: Recipe | null = testRecipe): RenderResult {
  return render(<Providers recipe={recipe}>{ui}</Providers>);
}

/** A plan main would make for a recipe with nothing wrong. */
export const buildablePlan: RecipePlan = {
  canBuild: true,
  findings: [],
  baseImage: 'python:3.12-slim',
  dockerfile: 'FROM python:3.12-slim\nRUN pip install pandas\n',
  files: [],
  labels: {},
  buildArgs: {},
  image: null,
  offeredPython: ['3.12', '3.11'],
  stepLabels: ['Start from the base', 'Install the packages'],
  installSwitch: true,
  builder: 'classic',
};
