import type { ImportCheckItem, ImportFix, TryReport } from '../contract/domain/try';

function fixText(fix: ImportFix): string {
  switch (fix.kind) {
    case 'add-distribution':
      return `add ${fix.distribution} to the packages`;
    case 'replace-distribution':
      return `replace ${fix.from} with ${fix.to}`;
    case 'system-package':
      return fix.debianPackage
        ? `install ${fix.debianPackage} in the base (it has ${fix.library})`
        : `install the system package that has ${fix.library} in the base`;
  }
}

function where(item: ImportCheckItem, relativeTo: (path: string) => string): string {
  const first = item.places[0];
  if (!first) return '';
  const at = `${relativeTo(first.file)}${first.cell !== null ? ` cell ${first.cell}` : ''} line ${first.line}`;
  return item.places.length > 1 ? ` (${at} and ${item.places.length - 1} more)` : ` (${at})`;
}

/** The try as lines: each import that failed with its fixes, then each file with its failing cell and error. */
export function tryReportLines(report: TryReport, relativeTo: (path: string) => string = (p) => p): string[] {
  const check = report.importCheck;
  const failed = check.items.filter((i) => i.status !== 'ok');
  const lines = [
    `Imports (Python ${check.python ?? 'unknown'}, as user ${check.user}, no network): ${check.items.length - failed.length} of ${check.items.length} import.`,
  ];
  for (const item of failed) {
    lines.push(`${item.optional ? 'opt ' : 'FAIL'} ${item.module}${where(item, relativeTo)}: ${item.error ?? item.status}`);
    lines.push(`     ${item.explanation}`);
    for (const fix of item.fixes) lines.push(`     fix: ${fixText(fix)}`);
  }
  for (const file of report.files) {
    const mark = file.status === 'passed' ? 'ok  ' : file.status === 'not-run' ? '--  ' : 'FAIL';
    lines.push(`${mark} ${relativeTo(file.file)}: ${file.message}`);
    if (file.error && file.status !== 'passed') {
      for (const line of file.error.traceback.slice(-6)) lines.push(`     | ${line}`);
    }
    if (file.output) lines.push(`     output: ${relativeTo(file.output)}`);
    if (file.leftOut) lines.push(`     note: ${file.leftOut}`);
  }
  for (const note of report.notes) lines.push(`note: ${note}`);
  return lines;
}
