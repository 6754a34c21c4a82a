// PEP 508 names and their PEP 503 normal form; the regexes are the ones both PEPs give.

const VALID_NAME = /^([A-Za-z0-9]|[A-Za-z0-9][A-Za-z0-9._-]*[A-Za-z0-9])$/;

export function isValidPackageName(name: string): boolean {
  return VALID_NAME.test(name);
}

export function normalizePackageName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}
