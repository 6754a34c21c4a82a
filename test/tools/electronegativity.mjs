// Runs Doyensec's Electronegativity over the Electron code and the renderer's HTML, and fails on
// any finding that is not explained in ACCEPTED below (each one is also explained in SECURITY.md).
// Electronegativity itself always exits 0, so its SARIF report (JSON) is what we judge; its CSV
// does not escape quotes inside code samples, so it cannot be parsed reliably.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(repo, 'node_modules/@doyensec/electronegativity/dist/index.js');
const electronVersion = JSON.parse(readFileSync(join(repo, 'node_modules/electron/package.json'), 'utf8')).version;

/** check id → why it does not apply. Keep in step with SECURITY.md. */
const ACCEPTED = new Map([
  [
    'CSP_GLOBAL_CHECK',
    "style-src allows 'unsafe-inline' because Mantine writes its theme variables into <style> elements at run time; " +
      'scripts are self-only. In main the header value is the same constant (electron/core/csp.ts), which the tool cannot evaluate.',
  ],
  [
    'PRELOAD_JS_CHECK',
    'The one preload exposes only invoke/on for the channels of electron/contract/ipc.ts through contextBridge; main validates every input.',
  ],
  ['OPEN_EXTERNAL_JS_CHECK', 'shell.openExternal is reached only with https URLs from the fixed allowlist in electron/core/links.ts, chosen by key over IPC.'],
]);

const work = mkdtempSync(join(tmpdir(), 'rib-electronegativity-'));
const findings = [];
try {
  // One input holding both the Electron code and the renderer's page: the global checks
  // (navigation limits, permission handler, CSP) look across all files of one run.
  const input = join(work, 'app');
  cpSync(join(repo, 'electron'), join(input, 'electron'), { recursive: true });
  cpSync(join(repo, 'renderer/index.html'), join(input, 'renderer/index.html'));
  {
    const report = join(work, 'report.sarif');
    const run = spawnSync(process.execPath, [cli, '-i', input, '-o', report, '-r', '-e', electronVersion, '-v', 'false'], {
      cwd: repo,
      encoding: 'utf8',
      timeout: 120_000,
    });
    if (run.status !== 0) {
      console.error(run.stdout, run.stderr);
      throw new Error(`electronegativity failed on ${input}`);
    }
    const sarif = JSON.parse(readFileSync(report, 'utf8'));
    const rules = new Map((sarif.runs?.[0]?.tool?.driver?.rules ?? []).map((r) => [r.id, r]));
    for (const result of sarif.runs?.[0]?.results ?? []) {
      const where = result.locations?.[0]?.physicalLocation;
      const rule = rules.get(result.ruleId);
      findings.push({
        check: result.ruleId,
        file: where?.artifactLocation?.uri,
        location: `${where?.region?.startLine ?? '?'}:${where?.region?.startColumn ?? '?'}`,
        severity: result.level ?? rule?.properties?.severity ?? '',
        description: result.message?.text ?? rule?.shortDescription?.text ?? '',
      });
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const open = findings.filter((f) => !ACCEPTED.has(f.check));
for (const f of findings) {
  const why = ACCEPTED.get(f.check);
  console.log(`${why ? 'accepted' : 'FINDING '} ${f.check} ${f.file}:${f.location} ${why ? `— ${why}` : `(${f.severity}) ${f.description}`}`);
}
console.log(`electronegativity: ${findings.length} findings, ${open.length} not accepted`);
process.exit(open.length === 0 ? 0 : 1);
