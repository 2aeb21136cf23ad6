import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { ProcessGroup } from '../../scripts/lib/process-group';
import { ROOT, simulatorSpec } from '../../scripts/lib/stack';
import { TEST_LOG_DIR } from '../support/test-kafka';
import { userEnv } from '../support/user-env';

/**
 * `npm run scenario` as a user runs it beside a running simulator: a second terminal with Kafka
 * settings only, no DEMO_MODE and no auth setting. It once exited with "AUTH_SECRET is required
 * outside demo mode" because it read the BFF's configuration.
 */
const LOG = path.join(TEST_LOG_DIR, 'scenario-cli.log');

function npm(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: ROOT, env: env as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}

async function waitForLog(pattern: RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(fs.readFileSync(LOG, 'utf8'))) {
    if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms; see ${LOG}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('npm run scenario, as a user runs it', () => {
  const kafkaOnly = userEnv({ KAFKA_BROKERS: inject('brokers') });
  let group: ProcessGroup;

  beforeAll(async () => {
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    fs.writeFileSync(LOG, '');
    group = new ProcessGroup({ output: { kind: 'file', path: LOG } });
    // The simulator too runs with Kafka settings only, as in a deployment without the demo.
    group.start({ ...simulatorSpec(['--cabs', '2', '--tankers', '2', '--purchases-per-s', '0', '--sightings-per-s', '0', '--no-archiver']), env: kafkaOnly });
    await waitForLog(/listening for scenario commands/, 60_000);
  });

  afterAll(async () => {
    await group?.stopAll();
  });

  it('starts a scenario in the running simulator with no DEMO_MODE and no auth setting', async () => {
    expect(kafkaOnly.DEMO_MODE).toBeUndefined();
    expect(kafkaOnly.AUTH_SECRET).toBeUndefined();
    const result = await npm(['scenario', '--', 'overheat', '--target', 'tanker-0001'], kafkaOnly);
    expect(result.out).not.toMatch(/AUTH_SECRET/);
    expect(result.code, result.out).toBe(0);
    expect(result.out).toMatch(/sent to simulator\.control: .*"scenario":"overheat"/);
    await waitForLog(/scenario overheat started/, 30_000);
    expect(fs.readFileSync(LOG, 'utf8')).toMatch(/tanker-0001/);
  });

  it('still reports its own bad input and bad Kafka settings clearly', async () => {
    const unknown = await npm(['scenario', '--', 'meltdown'], kafkaOnly);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toMatch(/unknown scenario "meltdown"/);
    const badKafka = await npm(['scenario', '--', 'overheat'], { ...kafkaOnly, KAFKA_SASL_MECHANISM: 'plain' });
    expect(badKafka.code).toBe(2);
    expect(badKafka.out).toMatch(/KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required/);
  });
});
