/** The journey, in order. A step is enabled once the feature behind it has landed. */
export const steps = [
  { id: 'engine', label: 'Engine', description: 'Is a container engine ready?', enabled: true },
  { id: 'packages', label: 'Packages', description: 'What your notebooks need', enabled: true },
  { id: 'base', label: 'Base', description: 'Python, Elyra and image name', enabled: true },
  { id: 'build', label: 'Build', description: 'Build and check the image', enabled: false },
  { id: 'registry', label: 'Registry', description: 'Where the image goes', enabled: false },
  { id: 'push', label: 'Push', description: 'Send it to the registry', enabled: false },
  { id: 'elyra', label: 'Use in Elyra', description: 'Register it as a runtime image', enabled: false },
] as const;

export type StepId = (typeof steps)[number]['id'];

export function isStepId(value: string): value is StepId {
  return steps.some((s) => s.id === value);
}
