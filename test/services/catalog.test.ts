import { listVersions } from '../../electron/services/catalog';

const indexUrl = process.env['RIB_INDEX_URL'];
const missing = indexUrl ? null : 'no RIB_INDEX_URL: run through `npm test`, which serves a local package index';
if (missing && process.env['CI'] === 'true') throw new Error(`Under CI the package index must be there: ${missing}`);
if (missing) console.warn(`SKIPPED (index tests): ${missing}`);

describe.skipIf(missing !== null)('package versions from a real PEP 503 index', () => {
  it('lists released versions newest first', async () => {
    const result = await listVersions('RibDemo_Alpha', { indexUrl: indexUrl ?? null });
    expect(result).toMatchObject({ ok: true, name: 'ribdemo-alpha', versions: ['2.0.0', '1.1.0', '1.0.0'] });
  });

  it('says when a package is not on the index', async () => {
    const result = await listVersions('ribdemo-nothere', { indexUrl: indexUrl ?? null });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/ribdemo-nothere is not on http:\/\/127\.0\.0\.1:\d+\/simple/);
  });

  it('still answers, with a reason, when the index cannot be reached', async () => {
    const result = await listVersions('pandas', { indexUrl: 'http://127.0.0.1:9/simple', timeoutMs: 2000 });
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/could not be reached, so versions could not be listed/);
  });
});
