import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { ensureKafkaInstalled } from '../infra/local-kafka';
import { TEST_KAFKA_PORT } from '../test/support/test-kafka';

import { FLINK_DIR } from './lib/flink';
import { ensureNextBuild } from './lib/next-build';
import { ROOT } from './lib/stack';
import { readTestCounts } from './lib/test-counts';

const RESULTS_DIR = path.join(ROOT, '.data', 'test-results');

/**
 * TEST_SIDE_BY_SIDE=1 runs the two broker-backed stages at once. Most of both is waiting (alert
 * windows, checkpoints, minutes closing), so with cores to spare it saves their shorter one's time;
 * on two cores the browser stage took twice as long beside the integration stage (17 minutes
 * instead of 8, a quiet CI trial that also failed one timing-bound test), so one after the other
 * stays the default.
 */
const SIDE_BY_SIDE = process.env.TEST_SIDE_BY_SIDE === '1';

interface Step {
  name: string;
  run: () => boolean | Promise<boolean>;
}

interface Check {
  label: string;
  command: string;
  args: string[];
  cwd?: string;
}

/**
 * The checks that need no broker, in two lanes at once, each line marked with its name: each lane
 * is mostly one single-threaded process, so two fill two cores (more at once only took turns: five
 * at once took as long as one after the other).
 */
const QUICK_LANES: Check[][] = [
  [
    { label: 'type check', command: 'npm', args: ['run', '--silent', 'typecheck'] },
    { label: 'lint', command: 'npm', args: ['run', '--silent', 'lint'] },
    { label: 'unit tests', command: 'npm', args: ['run', '--silent', 'test:unit'] },
  ],
  // `package` runs the JUnit tests first, then builds the jar the stages below run.
  [{ label: 'Flink jobs', command: 'mvn', args: ['-B', '-q', 'package'], cwd: FLINK_DIR }],
];

/**
 * `npm test`: every check, in order of cost, stopping at the first stage that fails. The
 * broker-backed steps start their own Kafka on a test port and data folder, so a running demo is
 * never touched.
 */
const STEPS: Step[] = [
  {
    name: `${QUICK_LANES.flat()
      .map((check) => check.label)
      .join(', ')} (at once)`,
    run: quickChecks,
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
        { name: 'integration tests (real Kafka; files without Flink in a lane of their own)', run: integrationLanes },
        { name: 'browser tests (Chromium, real Kafka)', run: () => npm('test:e2e') },
      ]),
];

async function quickChecks(): Promise<boolean> {
  const failed: string[] = [];
  const runLane = async (lane: Check[]) => {
    for (const { label, command, args, cwd } of lane) {
      const started = Date.now();
      const passed = await runPrefixed(command, args, label, {}, cwd);
      console.log(`[${label}] ${passed ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
      if (!passed) return failed.push(label);
    }
  };
  await Promise.all(QUICK_LANES.map(runLane));
  if (failed.length > 0) console.error(`failed: ${failed.join(', ')} (lines marked [${failed[0]}] above)`);
  return failed.length === 0;
}

/**
 * Integration files that start no Flink runner (a BFF, maybe a broker of their own, and the
 * clients they test). They run in a lane of their own beside the files that do, on a broker of
 * their own: the Flink files spend most of their time waiting on alert windows and checkpoints,
 * and one after the other the two sets took 680 s of the 20 minutes the suite may take.
 */
const WITHOUT_FLINK = [
  'access',
  'deployed',
  'oidc',
  'security',
  'malformed-input',
  'scenario-cli',
  'lag-statuses',
  'kafka-security',
  'health',
  'replay',
  'nginx',
].map((name) => `test/integration/${name}.int.test.ts`);

/** The BFF-only lane's broker, clear of the main one's extra brokers (+20 … +41) and the browser stage's (+60). */
const BFF_LANE_KAFKA_PORT = TEST_KAFKA_PORT + 100;

async function integrationLanes(): Promise<boolean> {
  const vitest = (report: string, files: string[]) => [
    'vitest',
    'run',
    '--config',
    'vitest.integration.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=.data/test-results/${report}`,
    ...files,
  ];
  const [withFlink, bffOnly] = await Promise.all([
    runPrefixed(
      'npx',
      vitest(
        'integration.json',
        WITHOUT_FLINK.flatMap((file) => ['--exclude', file]),
      ),
      'integration',
      {},
    ),
    runPrefixed('npx', vitest('integration-bff.json', WITHOUT_FLINK), 'integration, no Flink', { TEST_KAFKA_PORT: String(BFF_LANE_KAFKA_PORT) }),
  ]);
  if (!withFlink) console.error('integration tests with Flink failed (lines marked [integration] above)');
  if (!bffOnly) console.error('integration tests without Flink failed (lines marked [integration, no Flink] above)');
  return withFlink && bffOnly;
}

async function integrationAndBrowserSideBySide(): Promise<boolean> {
  // Each has its own broker port and data folder and its own BFF ports, so neither sees the other's records.
  const [integration, browser] = await Promise.all([
    runPrefixed('npm', ['run', '--silent', 'test:integration'], 'integration', {}),
    runPrefixed('npm', ['run', '--silent', 'test:e2e'], 'browser', { TEST_KAFKA_PORT: String(BROWSER_KAFKA_PORT) }),
  ]);
  if (!integration) console.error('integration tests failed (lines marked [integration] above)');
  if (!browser) console.error('browser tests failed (lines marked [browser] above)');
  return integration && browser;
}

/** The browser stage's broker: far enough above the integration broker's own extra brokers (+20 … +40). */
const BROWSER_KAFKA_PORT = TEST_KAFKA_PORT + 60;

/** Runs a command with every output line marked by its label, so several can share the terminal. */
function runPrefixed(command: string, args: string[], label: string, env: Record<string, string>, cwd = ROOT): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
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
    child.on('error', (error) => {
      console.error(`[${label}] could not run ${command}: ${error.message}`);
      resolve(false);
    });
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
