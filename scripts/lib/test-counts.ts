import fs from 'node:fs';
import path from 'node:path';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

/** Adds up what the vitest and Playwright JSON reporters wrote, for the suite's closing line. */
export function readTestCounts(resultsDir: string): TestCounts {
  const total: TestCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const name of ['unit.json', 'integration.json']) {
    const report = readJson(path.join(resultsDir, name)) as { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | undefined;
    total.passed += report?.numPassedTests ?? 0;
    total.failed += report?.numFailedTests ?? 0;
    total.skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  }
  const e2e = readJson(path.join(resultsDir, 'e2e.json')) as { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | undefined;
  total.passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
  total.failed += e2e?.stats?.unexpected ?? 0;
  total.skipped += e2e?.stats?.skipped ?? 0;
  return total;
}

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}
