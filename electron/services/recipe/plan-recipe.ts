import type { Builder } from '../../contract/domain/build';
import type { ElyraRelease } from '../../contract/domain/elyra';
import { installOptionLines, type PackageEntry, type Recipe, type RecipeFinding, type RecipePlan } from '../../contract/domain/recipe';
import type { RequirementFinding } from '../../contract/domain/requirements';
import { elyraRelease, elyraRequirementsText, findElyraConflicts, isPythonEndOfLife, offeredPythonVersions, PYTHON_EOL } from '../elyra-data';
import { parseImageReference } from '../reference';
import { formatRequirement, parseRequirements } from '../requirements';
import { baseImageFor } from './base-image';
import { renderDockerfile } from './dockerfile';
import { labelKeys } from './image-labels';
import { checkIndexSettings, pipBuildArgs } from './index-settings';
import { type LayerHistory, layerArgs, planLayers } from './layer-plan';

export interface PlanOptions {
  today: Date;
  appName: string;
  appVersion: string;
  /** The builder of the engine that will build it (services/build chooseBuilder); classic when unknown. */
  builder?: Builder;
  /** What the last builds of the same image measured: heavy packages then get layers of their own. */
  layerHistory?: LayerHistory | null;
}

/** Context file names; the Dockerfile COPYs exactly these. */
export const contextFiles = {
  elyra: 'requirements-elyra.txt',
  user: 'requirements.txt',
  constraints: 'constraints.txt',
} as const;

export const PACKAGE_LIST = 'your package list';

/**
 * Where a package entry came from, in the user's words. "line N of <file>" only for a real line of a
 * file they opened; a package added in the app is its row in the package table.
 */
export function describeEntry(entry: PackageEntry, row: number): string {
  if (entry.origin.file && entry.origin.cell) return `cell ${entry.origin.cell} of ${entry.origin.file}`;
  if (entry.origin.file && entry.origin.line) return `line ${entry.origin.line} of ${entry.origin.file}`;
  if (entry.origin.file) return `"${entry.text}" from ${entry.origin.file}`;
  return `"${entry.text}" (row ${row} of the package table)`;
}

function whereIs(entry: PackageEntry | undefined, row: number): string | null {
  return entry ? describeEntry(entry, row) : null;
}

/** Findings of the joined package list point at line N, which is package entry N: say where it came from. */
function packageFinding(finding: RequirementFinding, entries: readonly PackageEntry[]): RecipeFinding {
  const entry = finding.file === PACKAGE_LIST ? entries[finding.line - 1] : undefined;
  const result: RecipeFinding = {
    severity: finding.severity,
    code: finding.code,
    message: finding.message,
    where: whereIs(entry, finding.line),
    packageId: entry?.id ?? null,
    field: 'packages',
  };
  if (finding.hint !== undefined) result.hint = finding.hint;
  return result;
}

function pythonFindings(recipe: Recipe, offered: readonly string[], today: Date): RecipeFinding[] {
  if (recipe.base.kind === 'custom') return [];
  const release = elyraRelease(recipe.elyraVersion);
  const base = { where: 'Python', packageId: null, field: 'python' as const };
  if (isPythonEndOfLife(recipe.pythonVersion, today)) {
    const eol = PYTHON_EOL.find((e) => e.version === recipe.pythonVersion)?.endOfLife ?? 'its end-of-life date';
    return [
      {
        ...base,
        severity: 'error',
        code: 'python-eol',
        message: `Python ${recipe.pythonVersion} stopped getting security fixes in ${eol}. Pick ${offered[0] ?? 'a newer Python'}.`,
      },
    ];
  }
  if (!offered.includes(recipe.pythonVersion)) {
    return [
      {
        ...base,
        severity: 'error',
        code: 'python-unsupported',
        message: `${release.label} runs Python ${release.python.min} to ${release.python.max}, not ${recipe.pythonVersion}.`,
        hint: offered.length > 0 ? `Pick one of ${offered.join(', ')}.` : 'No supported Python of that Elyra is still maintained: pick a newer Elyra.',
      },
    ];
  }
  return [];
}

function imageNameFindings(recipe: Recipe): { findings: RecipeFinding[]; image: RecipePlan['image'] } {
  const base = { where: 'Image name', packageId: null, field: 'image-name' as const };
  if (recipe.imageName.trim() === '') {
    return {
      findings: [{ ...base, severity: 'error', code: 'image-name-missing', message: 'Give the image a name, like alice/pandas-tools:1.0.' }],
      image: null,
    };
  }
  const parsed = parseImageReference(recipe.imageName);
  if (!parsed.ok) {
    const at = parsed.error.position !== null ? ` (at character ${parsed.error.position})` : '';
    return { findings: [{ ...base, severity: 'error', code: `image-${parsed.error.code}`, message: `${parsed.error.message}${at}` }], image: null };
  }
  const findings: RecipeFinding[] = [];
  if (parsed.reference.digest !== null) {
    findings.push({
      ...base,
      severity: 'error',
      code: 'image-digest',
      message: 'A digest (@sha256:…) names an image that exists; a new build needs a tag instead.',
    });
  } else if (parsed.reference.tag === null) {
    findings.push({
      ...base,
      severity: 'warning',
      code: 'image-no-tag',
      message: 'No tag: the image will be tagged "latest".',
      hint: 'A version tag like :1.0 lets Elyra pull exactly the image you mean.',
    });
  }
  if (parsed.reference.hint) findings.push({ ...base, severity: 'info', code: 'image-hint', message: parsed.reference.hint });
  return { findings, image: parsed.reference };
}

function baseFindings(recipe: Recipe): RecipeFinding[] {
  if (recipe.base.kind !== 'custom') return [];
  const base = { where: 'Base image', packageId: null, field: 'base' as const };
  if (recipe.base.image.trim() === '')
    return [
      {
        ...base,
        severity: 'error',
        code: 'base-missing',
        message: 'Name the base image, an image with python3 and pip, like registry.access.redhat.com/ubi9/python-312.',
      },
    ];
  const parsed = parseImageReference(recipe.base.image.trim());
  if (!parsed.ok) return [{ ...base, severity: 'error', code: `base-${parsed.error.code}`, message: parsed.error.message }];
  return [
    {
      ...base,
      severity: 'info',
      code: 'base-custom',
      message: "A custom base is checked after the build like any other: python3, pip, curl and Elyra's packages.",
    },
  ];
}

/** ELYRA_INSTALL_PACKAGES=false: only where the bootstrapper reads it, and only with the pins in the image. */
function installSwitchFindings(recipe: Recipe, release: ElyraRelease): RecipeFinding[] {
  if (recipe.elyraInstallPackages) return [];
  const base = { where: 'Install at node start', packageId: null, field: 'base' as const };
  if (!release.installPackagesSwitch) {
    return [
      {
        ...base,
        severity: 'error',
        code: 'install-switch-unsupported',
        message: `${release.label} ignores ELYRA_INSTALL_PACKAGES: its nodes install Elyra's packages at every start whatever the image says.`,
        hint: 'Pick Elyra 4.1 or newer, or let nodes install at start.',
      },
    ];
  }
  if (!recipe.preinstallElyraPins) {
    return [
      {
        ...base,
        // A lock pins Elyra's packages among the user's own: the image check after the build tells.
        severity: 'warning',
        code: 'install-switch-without-pins',
        message:
          "With ELYRA_INSTALL_PACKAGES=false nodes install nothing, so Elyra's packages must be in the image at Elyra's versions; the check after the build says whether they are.",
        hint: 'Turn on "Pre-install Elyra\'s own packages", unless your package list pins them (a lock file does).',
      },
    ];
  }
  return [
    {
      ...base,
      severity: 'info',
      code: 'install-switch',
      message: `Nodes start without running pip (ELYRA_INSTALL_PACKAGES=false): faster starts, and ${release.label} works on clusters that cannot reach a package index.`,
    },
  ];
}

/**
 * Everything the user decided, checked and turned into a Dockerfile with its context files.
 * Pure: the same recipe on the same day gives the same plan.
 */
export function planRecipe(recipe: Recipe, options: PlanOptions): RecipePlan {
  const release = elyraRelease(recipe.elyraVersion);
  const offeredPython = offeredPythonVersions(recipe.elyraVersion, options.today);
  const userText = recipe.packages.map((p) => p.text).join('\n');
  // Line N of the joined list is package entry N: findings name the entry's own origin instead.
  const rowOf = (at: { line: number }) => {
    const entry = recipe.packages[at.line - 1];
    return entry ? describeEntry(entry, at.line) : `row ${at.line} of the package table`;
  };
  const parsed = parseRequirements(userText, { file: PACKAGE_LIST, describe: rowOf });
  const conflicts = findElyraConflicts(parsed.requirements, recipe.elyraVersion);
  const name = imageNameFindings(recipe);
  const findings: RecipeFinding[] = [
    ...parsed.findings.map((f) => packageFinding(f, recipe.packages)),
    ...conflicts.map((f) => packageFinding(f, recipe.packages)),
    ...pythonFindings(recipe, offeredPython, options.today),
    ...baseFindings(recipe),
    ...installSwitchFindings(recipe, release),
    ...name.findings,
    ...checkIndexSettings(recipe.index),
  ];
  const optionLines = installOptionLines(recipe.installOptions, false);
  if (optionLines.length > 0) {
    findings.push({
      severity: 'info',
      code: 'install-options',
      message: `pip installs your packages with the options of your files: ${optionLines.join(' ')}.`,
      where: null,
      packageId: null,
      field: 'packages',
    });
  }
  if (parsed.requirements.length === 0) {
    findings.push({
      severity: 'info',
      code: 'no-packages',
      message: "No packages yet: the image will have Python, curl and Elyra's packages only.",
      where: null,
      packageId: null,
      field: 'packages',
    });
  }

  const baseImage = baseImageFor(recipe);
  const packageNames = parsed.requirements.map((r) => formatRequirement(r));
  const labels: Record<string, string> = {
    [labelKeys.title]: name.image?.familiar ?? recipe.imageName,
    [labelKeys.description]: `Elyra runtime image: ${packageNames.length > 0 ? packageNames.join(', ') : 'no extra packages'}`,
    [labelKeys.builtBy]: `${options.appName} ${options.appVersion}`,
    [labelKeys.packages]: JSON.stringify(packageNames),
    [labelKeys.elyraVersion]: recipe.elyraVersion,
    [labelKeys.python]: recipe.base.kind === 'custom' ? 'from base' : recipe.pythonVersion,
    [labelKeys.base]: baseImage,
  };
  const buildArgs = pipBuildArgs(recipe.index);
  if (recipe.pre) buildArgs['PIP_PRE'] = '1';
  const hasUser = parsed.requirements.length > 0;
  const constraintsText = recipe.constraints.join('\n');
  const builder = options.builder ?? 'classic';
  const layered = hasUser ? planLayers(recipe, options.layerHistory ?? null) : { layers: [], note: null };
  const heavyLayers = layered.layers.filter((l) => l.kind === 'heavy');
  const rendered = renderDockerfile({
    baseImage,
    appName: options.appName,
    appVersion: options.appVersion,
    elyraLabel: release.label,
    pythonVersion: recipe.base.kind === 'custom' ? null : recipe.pythonVersion,
    needsGit: parsed.requirements.some((r) => r.vcs === 'git'),
    allowSystemPip: recipe.allowSystemPip,
    pipArgs: Object.keys(buildArgs),
    elyraRequirementsFile: recipe.preinstallElyraPins ? contextFiles.elyra : null,
    elyraInstallPackages: recipe.elyraInstallPackages,
    // The stock bases build as root; a custom base may not, and keeps its own working directory
    // (the image check reports whether an arbitrary user can write there).
    groupWritableWorkdir: recipe.base.kind !== 'custom',
    userRequirementsFile: hasUser ? contextFiles.user : null,
    heavyLayers: heavyLayers.map((l) => ({
      args: layerArgs(l),
      why: l.reason,
      label: l.changed ? `installing the new ${l.name ?? 'package'} in its own layer` : `installing ${l.installs[0] ?? l.name ?? ''} in its own layer`,
    })),
    userLayerWhy: heavyLayers.length > 0 ? (layered.layers.at(-1)?.reason ?? null) : layered.note,
    constraintsFile: hasUser && constraintsText.trim() !== '' ? contextFiles.constraints : null,
    labels,
    builder,
  });
  const files = [
    ...(recipe.preinstallElyraPins ? [{ path: contextFiles.elyra, content: elyraRequirementsText(recipe.elyraVersion) }] : []),
    // pip reads options anywhere in a requirements file: after the packages, their line numbers stay the user's.
    ...(hasUser ? [{ path: contextFiles.user, content: `${[userText, ...optionLines].join('\n')}\n` }] : []),
    ...(hasUser && constraintsText.trim() !== '' ? [{ path: contextFiles.constraints, content: `${constraintsText}\n` }] : []),
  ];
  return {
    canBuild: !findings.some((f) => f.severity === 'error'),
    findings,
    baseImage,
    dockerfile: rendered.dockerfile,
    files,
    labels,
    buildArgs,
    image: name.image,
    offeredPython,
    stepLabels: rendered.stepLabels,
    installSwitch: release.installPackagesSwitch,
    builder,
    layers: layered.layers,
    layerNote: layered.note,
  };
}
