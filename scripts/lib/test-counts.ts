import fs from 'node:fs';
import path from 'node:path';

export interface TestCounts {
  passed: number;
  failed: number;
  skipped: number;
}

const SUREFIRE_DIR = path.resolve(__dirname, '..', '..', 'pipeline', 'flink', 'target', 'surefire-reports');

/** Adds up what the vitest and Playwright JSON reporters and Maven Surefire (the Flink jobs' JUnit tests) wrote, for the suite's closing line. */
export function readTestCounts(resultsDir: string): TestCounts {
  const total: TestCounts = { passed: 0, failed: 0, skipped: 0 };
  for (const name of ['unit.json', 'integration.json', 'integration-bff.json']) {
    const report = readJson(path.join(resultsDir, name)) as
      { numPassedTests?: number; numFailedTests?: number; numPendingTests?: number; numTodoTests?: number } | undefined;
    total.passed += report?.numPassedTests ?? 0;
    total.failed += report?.numFailedTests ?? 0;
    total.skipped += (report?.numPendingTests ?? 0) + (report?.numTodoTests ?? 0);
  }
  const junit = readSurefireCounts(SUREFIRE_DIR);
  total.passed += junit.passed;
  total.failed += junit.failed;
  total.skipped += junit.skipped;
  const e2e = readJson(path.join(resultsDir, 'e2e.json')) as
    { stats?: { expected?: number; unexpected?: number; flaky?: number; skipped?: number } } | undefined;
  total.passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
  total.failed += e2e?.stats?.unexpected ?? 0;
  total.skipped += e2e?.stats?.skipped ?? 0;
  return total;
}

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : undefined;
}

/** Surefire's TEST-*.xml files: one <testsuite tests= failures= errors= skipped=> per test class. */
export function readSurefireCounts(dir: string): TestCounts {
  const total: TestCounts = { passed: 0, failed: 0, skipped: 0 };
  if (!fs.existsSync(dir)) return total;
  for (const file of fs.readdirSync(dir).filter((name) => /^TEST-.*\.xml$/.test(name))) {
    const head = /<testsuite\b[^>]*>/.exec(fs.readFileSync(path.join(dir, file), 'utf8'))?.[0] ?? '';
    const count = (name: string) => Number(new RegExp(`\\s${name}="(\\d+)"`).exec(head)?.[1] ?? 0);
    const failed = count('failures') + count('errors');
    total.failed += failed;
    total.skipped += count('skipped');
    total.passed += count('tests') - failed - count('skipped');
  }
  return total;
}
