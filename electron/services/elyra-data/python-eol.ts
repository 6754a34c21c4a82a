import type { PythonEol, PythonVersion } from '../../contract/domain/elyra';

// When each Python stops getting security fixes (python.org release status / the PEP of each release).
export const PYTHON_EOL: readonly PythonEol[] = [
  { version: '3.8', endOfLife: '2024-10' },
  { version: '3.9', endOfLife: '2025-10' },
  { version: '3.10', endOfLife: '2026-10' },
  { version: '3.11', endOfLife: '2027-10' },
  { version: '3.12', endOfLife: '2028-10' },
  { version: '3.13', endOfLife: '2029-10' },
  { version: '3.14', endOfLife: '2030-10' },
];

/** '3.10' → 10, so versions compare as numbers, not strings ('3.9' < '3.10'). */
export function pythonMinor(version: PythonVersion): number {
  return Number(version.split('.')[1]);
}

/**
 * True once the end-of-life month is over. The table only knows the month, and the last releases
 * come out within it, so the version counts as supported until that month ends (in local time,
 * the calendar the user reads).
 */
export function isPythonEndOfLife(version: PythonVersion, today: Date): boolean {
  const entry = PYTHON_EOL.find((candidate) => candidate.version === version);
  if (entry === undefined) return true;
  const [year = 0, month = 0] = entry.endOfLife.split('-').map(Number);
  const todayMonths = today.getFullYear() * 12 + today.getMonth() + 1;
  return todayMonths > year * 12 + month;
}
