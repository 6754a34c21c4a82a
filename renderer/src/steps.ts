/** The journey, in order. A step is enabled once the feature behind it has landed. */
export const steps = [
  { id: 'engine', label: 'Engine', description: 'Is a container engine ready?', enabled: true },
  { id: 'packages', label: 'Packages', description: 'What your notebooks need', enabled: true },
  { id: 'base', label: 'Base', description: 'Python, Elyra and image name', enabled: true },
  { id: 'build', label: 'Build', description: 'Build and check the image', enabled: true },
  { id: 'registry', label: 'Registry', description: 'Where the image goes', enabled: true },
  { id: 'push', label: 'Push', description: 'Send it to the registry', enabled: true },
  { id: 'elyra', label: 'Use in Elyra', description: 'Register it as a runtime image', enabled: true },
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
  return steps.some((s) => s.id === value && s.enabled) || places.some((p) => p.id === value);
}
