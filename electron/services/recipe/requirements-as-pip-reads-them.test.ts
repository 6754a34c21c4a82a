import { parseRequirements } from '../requirements';
import { additionsFromParsed } from './package-entries';
import { planRecipe } from './plan-recipe';
import { defaultRecipe } from './default-recipe';

// Lines real requirement files have that pip installs: the app takes them as pip reads them.

const parse = (text: string) => parseRequirements(text, { file: 'requirements.txt' });
const today = new Date('2026-12-07');

describe('requirements as pip reads them', () => {
  it('a repository URL without #egg= or "name @" is installed; the name is the repository until pip builds it', () => {
    const parsed = parse('git+https://github.com/org/my-tool.git@v2.1\n');
    expect(parsed.requirements).toMatchObject([{ name: 'my-tool', url: 'git+https://github.com/org/my-tool.git@v2.1', vcs: 'git' }]);
    expect(parsed.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(parsed.findings.find((f) => f.code === 'url-name-guessed')?.message).toBe(
      "pip takes this package's name from the project when it builds it; until then it is called 'my-tool' here",
    );
    // A plain download URL still needs a name: nothing in it says what it installs.
    expect(parse('https://example.com/download\n').findings.map((f) => f.code)).toEqual(['url-without-name']);
  });

  it('"-e git+…#egg=" becomes a regular install from the repository, with a warning that says so', () => {
    const parsed = parse('-e git+https://github.com/org/other.git#egg=other\n');
    expect(parsed.requirements).toMatchObject([
      { name: 'other', url: 'git+https://github.com/org/other.git#egg=other', raw: 'git+https://github.com/org/other.git#egg=other' },
    ]);
    expect(parsed.findings.find((f) => f.code === 'editable-install')).toMatchObject({ severity: 'warning', line: 1 });
    // The recipe's entry is what pip installs into the image: no '-e'.
    expect(additionsFromParsed(parsed).entries.map((e) => e.text)).toEqual(['git+https://github.com/org/other.git#egg=other']);
    // An editable local folder cannot be in an image: still refused.
    expect(parse('-e ./src\n').findings.map((f) => [f.severity, f.code])).toEqual([['error', 'editable-install']]);
  });

  it("pip's options from a file are carried into the build's requirements file, and the plan says which", () => {
    const text = [
      '--pre',
      '--find-links https://wheels.example.com/simple-wheels/',
      '--no-binary pandas',
      '--only-binary :all:',
      '--prefer-binary',
      'pandas==2.2.3',
      'numpy',
    ].join('\n');
    const added = additionsFromParsed(parse(text));
    expect(added.pre).toBe(true);
    expect(added.installOptions).toMatchObject({
      findLinks: ['https://wheels.example.com/simple-wheels/'],
      noBinary: ['pandas'],
      onlyBinary: [':all:'],
      preferBinary: true,
    });
    const plan = planRecipe(
      { ...defaultRecipe(today), imageName: 'team/x:1', packages: added.entries, installOptions: added.installOptions, pre: added.pre },
      { today, appName: 'Runtime Image Builder', appVersion: '0' },
    );
    expect(plan.files.find((f) => f.path === 'requirements.txt')?.content).toBe(
      'pandas==2.2.3\nnumpy\n--find-links https://wheels.example.com/simple-wheels/\n--no-binary pandas\n--only-binary :all:\n--prefer-binary\n',
    );
    expect(plan.buildArgs['PIP_PRE']).toBe('1');
    expect(plan.findings.find((f) => f.code === 'install-options')?.message).toBe(
      'pip installs your packages with the options of your files: --find-links https://wheels.example.com/simple-wheels/ --no-binary pandas --only-binary :all: --prefer-binary.',
    );
  });
});
