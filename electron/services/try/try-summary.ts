import type { TryReport, TrySummary } from '../../contract/domain/try';

/** What the history keeps of a try: per file how it ended, and the imports that failed. */
export function trySummary(report: TryReport, at: Date): TrySummary {
  return {
    at: at.toISOString(),
    passed: report.passed,
    outputDir: report.outputDir,
    files: report.files.slice(0, 500).map((f) => ({
      file: f.file,
      status: f.status,
      failedCell: f.failedCell,
      error: f.error ? `${f.error.name}${f.error.value ? `: ${f.error.value}` : ''}`.slice(0, 500) : f.status === 'passed' ? null : f.message.slice(0, 500),
    })),
    importFailures: report.importCheck.items
      .filter((i) => i.status !== 'ok')
      .slice(0, 500)
      .map(
        (i) =>
          `${i.module}${i.optional ? ' (optional)' : ''}: ${i.library ? `${i.library} missing` : i.missingModule ? `no module ${i.missingModule}` : i.status}`,
      ),
  };
}
