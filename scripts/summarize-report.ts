// Prints the closing line CI reads, `N passed, N failed`, from vitest's JSON report.
// Skipped and todo tests are neither passed nor failed; a file that failed to load counts as a failure.
import { readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number;
  testResults: { status: string; assertionResults: unknown[]; message?: string }[];
}

const path = process.argv[2] ?? 'reports/vitest.json';
let report: Report;
try {
  report = JSON.parse(readFileSync(path, 'utf8')) as Report;
} catch {
  console.log('0 passed, 1 failed');
  console.error(`no vitest report at ${path}: the run did not complete`);
  process.exit(1);
}
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
const failed = report.numFailedTests + brokenFiles;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
