/**
 * A JSON object, not an array or null: the shape engine events, config files and notebooks must
 * have before their fields are read. Typed as a record so callers can index it without casts.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
