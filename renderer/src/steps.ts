/** The journey, in order: every step can be opened at any time, none waits for the one before. */
export const steps = [
  { id: 'engine', label: 'Engine', description: 'Is a container engine ready?' },
  { id: 'packages', label: 'Packages', description: 'What your notebooks need' },
  { id: 'base', label: 'Base', description: 'Python, Elyra and image name' },
  { id: 'build', label: 'Build', description: 'Build and check the image' },
  { id: 'registry', label: 'Registry', description: 'Where the image goes' },
  { id: 'push', label: 'Push', description: 'Send it to the registry' },
  { id: 'elyra', label: 'Use in Elyra', description: 'Register it as a runtime image' },
] as const;

export type StepId = (typeof steps)[number]['id'];

/** Places outside the journey, listed under it. */
export const places = [
  { id: 'history', label: 'History' },
  { id: 'settings', label: 'Settings' },
] as const;
export type PlaceId = (typeof places)[number]['id'];
export type ScreenId = StepId | PlaceId;

export function isScreenId(value: string): value is ScreenId {
  return steps.some((s) => s.id === value) || places.some((p) => p.id === value);
}

/** The step after this one in the journey, or null for the last. */
export function stepAfter(id: StepId): (typeof steps)[number] | null {
  const index = steps.findIndex((s) => s.id === id);
  return steps[index + 1] ?? null;
}
