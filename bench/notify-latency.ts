import fs from 'node:fs';
import path from 'node:path';

import { Kafka, logLevel } from 'kafkajs';

import { TOPICS } from '../lib/contracts/topics';
import type { WebhookPayload } from '../server/notify/payload';
import { TEST_PORTS } from '../test/support/ports';
import { HttpReceiver } from '../test/support/receivers';
import { TestStack } from '../test/support/stack';
import { TEST_LOG_DIR, startTestKafka } from '../test/support/test-kafka';

import { benchAnomaly } from './bench-alert';
import { percentile } from './percentile';

/**
 * Notification latency on a real broker: an alert written to `fleet.anomalies` → BFF → notifier →
 * Alertmanager-format webhook received by an HTTP server on loopback. Each run is a new vehicle
 * (a new group), so every one waits its `group_wait` (1 s); the figure that matters is the time
 * beyond it. `npm run bench:alerts -- --notify` (BENCH_RUNS, default 40).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const GROUP_WAIT_MS = 1_000;

export async function benchNotify(): Promise<void> {
  const kafka = await startTestKafka();
  const receiver = new HttpReceiver(TEST_PORTS.notifyHttp);
  await receiver.start();
  const configFile = path.join(TEST_LOG_DIR, 'bench-notify-alerting.yml');
  fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
  fs.writeFileSync(
    configFile,
    `route:\n  receiver: hook\n  group_by: [vehicleId]\n  group_wait: 1s\n  group_interval: 1m\nreceivers:\n  - name: hook\n    webhook_configs: [{ url: '${receiver.url('/hook')}' }]\n`,
  );
  const stack = new TestStack({
    brokers: kafka.brokers,
    bffPort: TEST_PORTS.bench,
    logName: 'bench-notify-latency',
    cabs: 1,
    tankers: 0,
    pipeline: false,
    env: { ALERTING_CONFIG: configFile },
  });
  const client = new Kafka({ clientId: 'bench-notify', brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
  const producer = client.producer();
  try {
    await stack.start();
    await stack.waitForLog(/notifier started/);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    await producer.connect();
    const sentAt = new Map<string, number>();
    for (let run = 0; run < RUNS; run += 1) {
      const now = Date.now();
      const alert = benchAnomaly(`anomaly.bench-${run}.engineTempC.${now}`, `bench-${run}`, now);
      sentAt.set(alert.vehicleId, now);
      await producer.send({ topic: TOPICS.anomalies, messages: [{ key: alert.alertId, value: JSON.stringify(alert) }] });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const deadline = Date.now() + 30_000;
    while (receiver.on('/hook').length < RUNS && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    const beyondWait = receiver
      .on('/hook')
      .map((entry) => entry.at - (sentAt.get((entry.body as WebhookPayload).groupLabels.vehicleId ?? '') ?? entry.at) - GROUP_WAIT_MS);
    console.log(
      `\nnotification latency, alert on fleet.anomalies → webhook received, ${beyondWait.length} of ${RUNS} alerts (group_wait ${GROUP_WAIT_MS} ms):`,
    );
    console.log(`  beyond group_wait:  p50 ${percentile(beyondWait, 50)} ms  p99 ${percentile(beyondWait, 99)} ms  max ${Math.max(...beyondWait)} ms`);
    console.log(`  total:              p50 ${percentile(beyondWait, 50) + GROUP_WAIT_MS} ms  p99 ${percentile(beyondWait, 99) + GROUP_WAIT_MS} ms`);
    if (beyondWait.length < RUNS) throw new Error(`only ${beyondWait.length} of ${RUNS} webhooks arrived; see ${stack.logPath}`);
  } finally {
    await producer.disconnect().catch(() => undefined);
    await stack.stop();
    await receiver.stop();
    await kafka.stop();
  }
}
