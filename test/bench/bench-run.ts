// One bench run's report, filled section by section: a benchmark that fails becomes error rows (and
// a non-zero exit), not a missing table.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type Report, renderReport } from './report';
import type { Section } from './rows';

export class BenchRun {
  readonly report: Report;
  readonly errors: string[] = [];

  constructor(title: string) {
    this.report = { title: `${title} (${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`, machine: '', rows: [], why: [], details: [] };
  }

  add(section: Section): void {
    this.report.rows.push(...section.rows);
    this.report.why.push(...section.why);
    this.report.details.push(...section.details);
  }

  /** Runs one benchmark; a failure becomes an error row per measure. */
  async section(measures: string[], run: () => Promise<void>): Promise<void> {
    const t = performance.now();
    console.log(`\n▶ ${measures.join(' · ')}`);
    try {
      await run();
    } catch (error) {
      this.fail(measures, error);
    }
    console.log(`  ${((performance.now() - t) / 1000).toFixed(1)} s`);
  }

  /** Error rows for measures that could not be measured (the rest of their section may have been). */
  fail(measures: string[], error: unknown): void {
    // Playwright's messages carry colour codes and a call log; the first line says what failed.
    const full = (error instanceof Error ? error.message : String(error)).replace(/\u001b\[[0-9;]*m/g, '');
    const message = full.split('\n')[0] ?? full;
    this.errors.push(`${measures.join(', ')}: ${message}`);
    console.error(`  failed: ${full}`);
    for (const measure of measures) this.report.rows.push({ measure, result: 'not measured', goal: '', status: 'error', notes: message.slice(0, 400) });
  }

  /** Prints the table, writes it to test-results/<file>, and sets the exit code when a benchmark failed. */
  async finish(repo: string, file: string): Promise<void> {
    const text = renderReport(this.report);
    await mkdir(join(repo, 'test-results'), { recursive: true });
    await writeFile(join(repo, 'test-results', file), text);
    console.log(`\n${text}`);
    console.log(`(written to test-results/${file})`);
    if (this.errors.length > 0) {
      console.error(`\n${this.errors.length} benchmark(s) could not run:\n${this.errors.map((e) => `  - ${e}`).join('\n')}`);
      process.exitCode = 1;
    }
  }
}
