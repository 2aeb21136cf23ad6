import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { FleetSnapshot } from '../../lib/api/fleet';
import { TOPICS } from '../../lib/contracts/topics';
import { TEST_PORTS } from '../support/ports';
import { TestStack } from '../support/stack';

const CABS = 4;
const TANKERS = 2;
const INTERVAL_MS = 500;
const CHECKPOINT_S = 2;

interface CheckpointStats {
  counts: { completed: number };
  latest: { completed: { id: number; external_path: string } | null; restored: { id: number; external_path: string } | null };
}

/** SIGKILL of the Flink JVM while telemetry flows: fleet-state comes back from its checkpoint and keeps going. */
describe('the Flink runner killed and restarted', () => {
  const brokers = inject('brokers');
  const stack = new TestStack({
    brokers,
    bffPort: TEST_PORTS.flinkRestart,
    logName: 'integration-flink-restart',
    cabs: CABS,
    tankers: TANKERS,
    telemetryIntervalMs: INTERVAL_MS,
    simulatorArgs: ['--purchases-per-s', '0.1', '--sightings-per-s', '0.1', '--no-archiver'],
    env: { FLINK_CHECKPOINT_INTERVAL_S: String(CHECKPOINT_S) },
  });
  const admin = new KafkaClient({ clientId: 'restart-test', brokers: [brokers], logLevel: logLevel.NOTHING }).admin();

  const records = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high), 0);
  const fleetStateJob = async () => {
    const { jobs } = (await (await fetch(`${stack.flinkRestUrl}/jobs/overview`)).json()) as {
      jobs: { jid: string; name: string; state: string; 'start-time': number }[];
    };
    const job = jobs.filter((j) => j.name === 'fleet-state').sort((a, b) => b['start-time'] - a['start-time'])[0];
    if (!job) throw new Error('no fleet-state job on Flink');
    return job;
  };
  const checkpoints = async () => (await (await fetch(`${stack.flinkRestUrl}/jobs/${(await fleetStateJob()).jid}/checkpoints`)).json()) as CheckpointStats;

  beforeAll(async () => {
    await admin.connect();
    await stack.start();
  });

  afterAll(async () => {
    await admin.disconnect();
    await stack.stop();
  });

  it('resumes fleet-state from its newest checkpoint, replays only what came after it, and keeps producing', async () => {
    // A checkpoint taken while fixes flow.
    await expect.poll(async () => (await checkpoints()).counts.completed, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
    const beforeKill = (await checkpoints()).latest.completed;
    expect(beforeKill?.external_path).toContain(stack.checkpointDir);

    await stack.killFlink();
    const rawAtKill = await records(TOPICS.telemetryRaw);
    const stateAtKill = await records(TOPICS.vehicleState);

    stack.startFlink();
    const restartedAt = Date.now();
    await stack.waitFlinkJobsRunning();
    const restored = (await checkpoints()).latest.restored;
    expect(restored?.id).toBeGreaterThanOrEqual(beforeKill?.id ?? Infinity);
    expect(restored?.external_path).toContain(stack.checkpointDir);
    await stack.waitForLog(/job fleet-state: resumed from checkpoint .*chk-\d+/);

    // Fixes sent after the restart reach the BFF: the job is producing again.
    await expect
      .poll(async () => (await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles')).newestFixAt ?? 0, { timeout: 60_000 })
      .toBeGreaterThan(restartedAt);

    // Caught up: every fix since the kill is out, plus the ones between the checkpoint and the kill written again.
    const rate = ((CABS + TANKERS) * 1000) / INTERVAL_MS;
    let replayed = Number.NaN;
    await expect
      .poll(
        async () => {
          replayed = (await records(TOPICS.vehicleState)) - stateAtKill - ((await records(TOPICS.telemetryRaw)) - rawAtKill);
          return replayed;
        },
        { timeout: 30_000 },
      )
      .toBeGreaterThanOrEqual(0);
    // From the beginning of retention would be every fix this broker holds; from the checkpoint, a
    // few seconds' worth: the fixes written between the checkpoint and the kill, plus those the job
    // had not yet written when it died (its processing lag, several seconds on a loaded machine).
    expect(replayed).toBeLessThanOrEqual(rate * (CHECKPOINT_S + 20));
    expect(replayed).toBeLessThan(rawAtKill / 4);
  });
});
