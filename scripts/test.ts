import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureKafkaInstalled } from '../infra/local-kafka';
import { TEST_KAFKA_PORT } from '../test/support/test-kafka';

import { FLINK_DIR, ensureFlinkJar } from './lib/flink';
import { ensureNextBuild } from './lib/next-build';
import { ROOT } from './lib/stack';
import { readTestCounts } from './lib/test-counts';

const RESULTS_DIR = path.join(ROOT, '.data', 'test-results');

/**
 * TEST_SIDE_BY_SIDE=1 runs the two broker-backed stages at once. Most of both is waiting (alert
 * windows, checkpoints, minutes closing), so with cores to spare it saves their shorter one's time;
 * on two cores with other work beside it their timing-bound tests failed (a CI trial at load 40),
 * so one after the other stays the default.
 */
const SIDE_BY_SIDE = process.env.TEST_SIDE_BY_SIDE === '1';

/**
 * `npm test`: every check, in order of cost, stopping at the first that fails. The broker-backed
 * steps start their own Kafka on a test port and data folder, so a running demo is never touched.
 */
const STEPS: { name: string; run: () => boolean | Promise<boolean> }[] = [
  { name: 'type check', run: () => npm('typecheck') },
  { name: 'lint', run: () => npm('lint') },
  { name: 'unit tests', run: () => npm('test:unit') },
  { name: 'Flink job tests (JUnit, Maven)', run: () => spawnSync('mvn', ['-B', '-q', 'test'], { cwd: FLINK_DIR, stdio: 'inherit' }).status === 0 },
  {
    name: 'build Flink jobs',
    run: async () => {
      await ensureFlinkJar((line) => console.log(line));
      return true;
    },
  },
  {
    name: 'build pages, install Kafka',
    run: async () => {
      ensureNextBuild(ROOT, (line) => console.log(line));
      await ensureKafkaInstalled((line) => console.log(line));
      return true;
    },
  },
  ...(SIDE_BY_SIDE
    ? [{ name: 'integration tests and browser tests side by side (each on a real Kafka broker of its own)', run: integrationAndBrowserSideBySide }]
    : [
        { name: 'integration tests (real Kafka)', run: () => npm('test:integration') },
        { name: 'browser tests (Chromium, real Kafka)', run: () => npm('test:e2e') },
      ]),
];

async function integrationAndBrowserSideBySide(): Promise<boolean> {
  // Each has its own broker port and data folder and its own BFF ports, so neither sees the other's records.
  const [integration, browser] = await Promise.all([
    npmPrefixed('test:integration', 'integration', {}),
    npmPrefixed('test:e2e', 'browser', { TEST_KAFKA_PORT: String(BROWSER_KAFKA_PORT) }),
  ]);
  if (!integration) console.error('integration tests failed (lines marked [integration] above)');
  if (!browser) console.error('browser tests failed (lines marked [browser] above)');
  return integration && browser;
}

/** The browser stage's broker: far enough above the integration broker's own extra brokers (+20 … +40). */
const BROWSER_KAFKA_PORT = TEST_KAFKA_PORT + 60;

/** Runs an npm script with every output line marked by its stage, so two stages can share the terminal. */
function npmPrefixed(script: string, label: string, env: Record<string, string>): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const mark = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) => {
      let pending = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) out.write(`[${label}] ${line}\n`);
      });
      stream.on('end', () => {
        if (pending) out.write(`[${label}] ${pending}\n`);
      });
    };
    if (child.stdout) mark(child.stdout, process.stdout);
    if (child.stderr) mark(child.stderr, process.stderr);
    child.on('close', (code) => resolve(code === 0));
  });
}

function npm(script: string): boolean {
  return spawnSync('npm', ['run', '--silent', script], { cwd: ROOT, stdio: 'inherit' }).status === 0;
}

/** The plain closing line CI reads: how many tests ran, passed and failed across all runners. */
function printTotals(): void {
  const counts = readTestCounts(RESULTS_DIR);
  console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

async function main(): Promise<void> {
  const started = Date.now();
  fs.rmSync(RESULTS_DIR, { recursive: true, force: true });
  fs.rmSync(path.join(FLINK_DIR, 'target', 'surefire-reports'), { recursive: true, force: true });
  for (const [index, step] of STEPS.entries()) {
    console.log(`\n\x1b[1m[${index + 1}/${STEPS.length}] ${step.name}\x1b[0m`);
    const stepStarted = Date.now();
    const passed = await Promise.resolve()
      .then(() => step.run())
      .catch((error: unknown) => {
        console.error((error as Error).message);
        return false;
      });
    if (!passed) {
      console.error(`\n${step.name} failed after ${((Date.now() - stepStarted) / 1000).toFixed(0)} s. Logs of the product's processes: .data/test-logs/`);
      printTotals();
      process.exit(1);
    }
    console.log(`${step.name}: passed in ${((Date.now() - stepStarted) / 1000).toFixed(0)} s`);
  }
  console.log(`\nall checks passed in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  printTotals();
}

void main();
