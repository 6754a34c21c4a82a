import { type FileAdditions, NO_INSTALL_OPTIONS, type PackageEntry, type Recipe } from '../../../electron/contract/domain/recipe';
import { recipeReducer, type OpenedFile, type RecipeState } from './recipe-state';

const recipe: Recipe = {
  packages: [],
  constraints: [],
  elyraVersion: 'main',
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

function entry(id: string, text: string, file: string | null, line: number | null): PackageEntry {
  return { id, text, origin: { file, line } };
}

function opened(id: string, name: string): OpenedFile {
  return { id, name, parsed: [], refusal: null };
}

function additions(...entries: PackageEntry[]): FileAdditions {
  return { entries, constraints: [], index: { indexUrl: null, extraIndexUrls: [], trustedHosts: [] }, installOptions: NO_INSTALL_OPTIONS, pre: false };
}

describe('recipeReducer: opening files', () => {
  const start: RecipeState = { recipe: { ...recipe, packages: [entry('t1', 'numpy', null, null)] }, files: [] };
  const once = recipeReducer(start, {
    type: 'file-opened',
    file: opened('f1', 'team.txt'),
    added: additions(entry('a', 'pandas', 'team.txt', 1), entry('b', 'scipy', 'team.txt', 2)),
  });

  it('adds a file and its packages after what is there', () => {
    expect(once.recipe.packages.map((p) => p.text)).toEqual(['numpy', 'pandas', 'scipy']);
    expect(once.files.map((f) => f.name)).toEqual(['team.txt']);
  });

  it('opening the same file again replaces its packages in place instead of adding them twice', () => {
    const withTyped = recipeReducer(once, { type: 'add-packages', entries: [entry('t2', 'torch', null, null)] });
    const again = recipeReducer(withTyped, {
      type: 'file-opened',
      file: opened('f2', 'team.txt'),
      added: additions(entry('c', 'pandas>=2', 'team.txt', 1), entry('d', 'scipy', 'team.txt', 2), entry('e', 'polars', 'team.txt', 3)),
    });
    expect(again.recipe.packages.map((p) => p.text)).toEqual(['numpy', 'pandas>=2', 'scipy', 'polars', 'torch']);
    expect(again.files).toHaveLength(1);
    expect(again.files[0]).toMatchObject({ id: 'f2', name: 'team.txt', reread: true });
  });

  it('a file that cannot be read any more takes its old packages with it', () => {
    const refused = recipeReducer(once, { type: 'file-opened', file: { ...opened('f3', 'team.txt'), refusal: 'too large' }, added: null });
    expect(refused.recipe.packages.map((p) => p.text)).toEqual(['numpy']);
    expect(refused.files.map((f) => f.refusal)).toEqual(['too large']);
  });

  it('a different file with the same package is kept: the plan warns about it instead', () => {
    const other = recipeReducer(once, { type: 'file-opened', file: opened('f4', 'more.txt'), added: additions(entry('g', 'pandas', 'more.txt', 1)) });
    expect(other.recipe.packages.map((p) => p.origin.file)).toEqual([null, 'team.txt', 'team.txt', 'more.txt']);
  });
});
