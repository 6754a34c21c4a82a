import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DraftStore } from '../../electron/services/draft/draft-store';
import { listTempFiles } from '../../electron/services/settings/atomic-file';
import { runWriterAndKill } from '../../electron/services/settings/testing/kill-harness';

// Issue #8: "quitting, a crash or a reboot brings the same draft back". A child process edits a
// draft (saving after every change, as the app does after its debounce) and is killed with SIGKILL
// in the middle of a save, many times over. After every kill a new DraftStore, as at the next
// start, must load a complete draft: the last one saved, or the one whose save had just finished.

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const draftModule = pathToFileURL(path.join(repoRoot, 'electron/services/draft/draft-store.ts')).href;

const ITERATIONS = 30;

/** A recipe-like payload that grows with each edit (more packages); 40–260 KB of JSON, larger than a real draft so that saves take a while. */
function makePayload(seq: number) {
  const packages = [];
  const count = 2_000 + ((seq * 104_729) % 8_000);
  for (let i = 0; i < count; i += 1) packages.push(`package-${seq}-${i}>=${i % 7}.${seq % 13}`);
  return { packages, base: { python: '3.12', variant: seq % 2 === 0 ? 'slim' : 'full' }, imageName: `quay.io/alice/edit-${seq}:1.0` };
}

const childSource = `
import { writeSync } from 'node:fs';
import { DraftStore } from ${JSON.stringify(draftModule)};
const makePayload = ${makePayload.toString()};
const drafts = new DraftStore(process.argv[2]);
for (let seq = Number(process.argv[3]); ; seq += 1) {
  const payload = makePayload(seq);
  writeSync(1, 'w ' + seq + ' ' + JSON.stringify(payload).length + '\\n');
  await drafts.save(payload);
  writeSync(1, 'd ' + seq + '\\n');
}
`;

describe('draft saves under SIGKILL', () => {
  it(`bring back a complete draft after each of ${ITERATIONS} kills`, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kill-draft-'));
    try {
      const script = path.join(dir, 'editor.mts');
      writeFileSync(script, childSource);
      const file = path.join(dir, 'state', 'draft.json');
      let restored = 0;
      let midSave = 0;
      let strayTemps = 0;
      const sizes: number[] = [];
      for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        const outcome = await runWriterAndKill({ args: ['--import', 'tsx', script, file, String(iteration * 1000)], cwd: repoRoot });
        sizes.push(...outcome.bytesStarted);
        if (outcome.inFlight !== null) midSave += 1;
        strayTemps += (await listTempFiles(file)).length;
        const draft = await new DraftStore(file).load();
        const candidates = [outcome.lastDone, ...(outcome.inFlight === null ? [] : [outcome.inFlight])];
        const match = candidates.find((seq) => JSON.stringify(draft?.payload) === JSON.stringify(makePayload(seq)));
        expect(match, `iteration ${iteration}: draft on disk is not a complete saved draft`).toBeDefined();
        restored += 1;
        // load() also cleared what the killed save left behind.
        expect(await listTempFiles(file)).toEqual([]);
      }
      const mb = (n: number) => (n / 1e6).toFixed(2);
      console.log(
        `draft: ${restored}/${ITERATIONS} restored; ${midSave} kills mid-save, ${strayTemps} stray temp files cleared by load(); ` +
          `${sizes.length} drafts of ${mb(Math.min(...sizes))}–${mb(Math.max(...sizes))} MB`,
      );
      expect(midSave).toBeGreaterThanOrEqual(ITERATIONS / 3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
