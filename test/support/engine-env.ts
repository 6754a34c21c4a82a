/**
 * Why tests that need the real engine cannot run here, or null when they can. Under CI a missing
 * engine is a failure (this throws); on a developer's machine the caller skips and we print why.
 */
export function engineMissingReason(): string | null {
  if (process.env['DOCKER_HOST']) return null;
  const reason = 'no DOCKER_HOST: run the tests through `npm test`, which starts an engine (test/infra/up.sh)';
  if (process.env['CI'] === 'true') throw new Error(`Under CI the engine must be there: ${reason}`);
  console.warn(`SKIPPED (engine tests): ${reason}`);
  return reason;
}
