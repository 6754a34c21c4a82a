import type { VerifyReport } from '../contract/domain/verify';

const MARK = { pass: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;

/** The check as lines: one per item (what was found, what to do), then one per pin that changes at node start. */
export function verifyReportLines(report: VerifyReport): string[] {
  const lines: string[] = [];
  for (const item of report.items) {
    lines.push(`${MARK[item.status]} ${item.title}: ${item.detail}`);
    if (item.fix) lines.push(`     fix: ${item.fix}`);
  }
  const changed = report.pins.filter((p) => p.state !== 'ok');
  if (changed.length > 0) {
    lines.push(`Elyra's pins at node start (${report.elyraVersion}):`);
    for (const pin of changed) lines.push(`  ${pin.state.padEnd(10)} ${pin.reason}`);
  }
  return lines;
}
