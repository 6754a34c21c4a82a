// The report: one Markdown table (measure, result, goal, met?), the machine it ran on, why any goal
// was missed, and the per-run figures behind each median.

export type Status = 'met' | 'missed' | 'info' | 'error';

export interface Row {
  measure: string;
  result: string;
  goal: string;
  status: Status;
  notes: string;
}

const statusText: Record<Status, string> = { met: 'yes', missed: '**no**', info: '—', error: '**error**' };

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

export function markdownTable(rows: readonly Row[]): string {
  const lines = ['| Measure | Result | Goal | Met | How / notes |', '|---|---|---|---|---|'];
  for (const row of rows) lines.push(`| ${[row.measure, row.result, row.goal, statusText[row.status], row.notes].map(cell).join(' | ')} |`);
  return lines.join('\n');
}

export interface Report {
  title: string;
  machine: string;
  rows: Row[];
  /** Why a goal was missed, one paragraph each. */
  why: string[];
  /** Per-run figures and other detail, one line each. */
  details: string[];
}

export function renderReport(report: Report): string {
  const parts = [`## ${report.title}`, '', report.machine, '', markdownTable(report.rows)];
  if (report.why.length > 0) parts.push('', '### Why goals were missed', '', ...report.why.map((w) => `- ${w}`));
  if (report.details.length > 0) parts.push('', '### Runs', '', ...report.details.map((d) => `- ${d}`));
  return `${parts.join('\n')}\n`;
}

export function ratioStatus(ratio: number, goal: number): Status {
  return ratio <= goal ? 'met' : 'missed';
}

export const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;
export const MB = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
export const msList = (values: readonly number[]): string => values.map((v) => Math.round(v)).join(', ');
