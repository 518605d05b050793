// Prints the closing line CI reads, `N passed, N failed`, from vitest's JSON report and the verdicts of
// the quality gates the test command ran before it (`--gate typecheck=passed`; `--gates-only` when no
// vitest ran). Skipped and todo tests are neither passed nor failed; a file that failed to load counts
// as a failure; each gate counts as one check.
import { readFileSync } from 'node:fs';

interface Report {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: unknown[]; message?: string }[];
}

const args = process.argv.slice(2);
const gates = args.flatMap((arg, i) => (args[i - 1] === '--gate' ? [arg.split('=') as [string, string]] : []));
const gatesPassed = gates.filter(([, verdict]) => verdict === 'passed').length;
const gatesFailed = gates.length - gatesPassed;
for (const [name, verdict] of gates) if (verdict !== 'passed') console.error(`quality gate ${name}: ${verdict}`);

if (args.includes('--gates-only')) {
  console.log(`${gatesPassed} passed, ${gatesFailed} failed`);
  process.exit(gatesFailed > 0 || gatesPassed === 0 ? 1 : 0);
}

const path = args.find((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--gate') ?? 'reports/vitest.json';
let report: Report;
try {
  report = JSON.parse(readFileSync(path, 'utf8')) as Report;
} catch {
  console.log(`${gatesPassed} passed, ${gatesFailed + 1} failed`);
  console.error(`no vitest report at ${path}: the run did not complete`);
  process.exit(1);
}
const brokenFiles = report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
const passed = report.numPassedTests + gatesPassed;
const failed = report.numFailedTests + brokenFiles + gatesFailed;
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || report.numPassedTests === 0 ? 1 : 0);
