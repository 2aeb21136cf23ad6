import { Kafka, logLevel } from 'kafkajs';

import type { FleetSnapshot } from '../lib/api/fleet';
import { TEST_PORTS } from '../test/support/ports';
import { sendScenario } from '../test/support/scenario';
import { connectSocket, nextEvent, subscribe } from '../test/support/socket-client';
import { TestStack } from '../test/support/stack';
import { startTestKafka } from '../test/support/test-kafka';

import { benchNotify } from './notify-latency';
import { percentile } from './percentile';

/**
 * Detection latency of the anomaly pipeline, end to end on a real broker: simulator (overheat)
 * → fleet-state → anomaly → fleet.anomalies → BFF → Socket.IO client. Two figures per run:
 *   fault → alert: from the scenario command to the alert in the client (includes the 10 s rule);
 *   after 10 s: from the moment the deviation had lasted 10 s (event time) to the alert in the client.
 * `npm run bench:alerts` (BENCH_RUNS, default 8; TEST_KAFKA_PORT / TEST_PORT_BASE move the ports);
 * `npm run bench:alerts -- --notify` measures notifications instead (bench/notify-latency.ts).
 */
const RUNS = Number(process.env.BENCH_RUNS ?? 8);
const FIRE_AFTER_MS = 10_000;

async function main(): Promise<void> {
  const kafka = await startTestKafka();
  const stack = new TestStack({
    brokers: kafka.brokers,
    bffPort: TEST_PORTS.bench,
    logName: 'bench-alert-latency',
    cabs: 30,
    tankers: 10,
    telemetryIntervalMs: 1000,
  });
  const client = new Kafka({ clientId: 'bench-alerts', brokers: [kafka.brokers], logLevel: logLevel.NOTHING });
  try {
    await stack.start();
    await stack.waitForLog(/listening for scenario commands/);
    // The anomaly job runs on Flink: stack.start() returns once Flink lists it running.
    // Let every vehicle's model warm up, so the runs measure the trained detector.
    await new Promise((resolve) => setTimeout(resolve, 45_000));
    const socket = await connectSocket(stack.url);
    await subscribe(socket, 'alerts');
    const faultToAlert: number[] = [];
    const afterRule: number[] = [];
    const used = new Set<string>();
    for (let run = 0; faultToAlert.length < RUNS; run += 1) {
      if (run >= RUNS * 2) throw new Error(`only ${faultToAlert.length} of ${RUNS} runs completed`);
      const target = await pickRunningVehicle(stack, used);
      used.add(target);
      const arrived = nextEvent(
        socket,
        'alert:upsert',
        30_000,
        (view) => view.alert.kind === 'anomaly' && view.alert.vehicleId === target && view.alert.state === 'firing',
      );
      const command = await sendScenario(client, 'overheat', { target, durationS: 20 });
      const view = await arrived.catch(() => undefined);
      const receivedAt = Date.now();
      if (!view) {
        // A taxi may park and switch its engine off mid-run: no engine alert is then the right answer.
        if (await ignitionOff(stack, target)) {
          console.log(`run ${run + 1}: ${target} switched its engine off during the fault; not counted`);
          continue;
        }
        throw new Error(`no alert for ${target} within 30 s; see ${stack.logPath}`);
      }
      faultToAlert.push(receivedAt - command.issuedAt);
      afterRule.push(receivedAt - (view.alert.startedAt + FIRE_AFTER_MS));
      console.log(
        `run ${faultToAlert.length}/${RUNS}: ${target} fault→alert ${receivedAt - command.issuedAt} ms, after 10 s rule ${receivedAt - (view.alert.startedAt + FIRE_AFTER_MS)} ms`,
      );
    }
    socket.disconnect();
    console.log(`\nalert latency over ${RUNS} overheat scenarios (telemetry every 1000 ms, ${30 + 10} vehicles):`);
    console.log(`  fault → alert in client:        p50 ${percentile(faultToAlert, 50)} ms  p99 ${percentile(faultToAlert, 99)} ms`);
    console.log(`  after the 10 s rule was met:    p50 ${percentile(afterRule, 50)} ms  p99 ${percentile(afterRule, 99)} ms`);
  } finally {
    await stack.stop();
    await kafka.stop();
  }
}

/** A vehicle not used before with its engine running, so no run sees another's episode. */
async function pickRunningVehicle(stack: TestStack, used: ReadonlySet<string>): Promise<string> {
  const { vehicles } = await stack.fetchJson<FleetSnapshot>('/api/fleet/vehicles');
  const vehicle = vehicles
    .filter((candidate) => candidate.ignition && candidate.status === 'moving' && !used.has(candidate.vehicleId))
    .sort((a, b) => a.vehicleId.localeCompare(b.vehicleId))[0];
  if (!vehicle) throw new Error('no unused moving vehicle to overheat');
  return vehicle.vehicleId;
}

async function ignitionOff(stack: TestStack, vehicleId: string): Promise<boolean> {
  const { points } = await stack.fetchJson<{ points: { ignition: boolean }[] }>(`/api/fleet/vehicles/${vehicleId}/history?minutes=1`);
  return points.slice(-40).some((point) => !point.ignition);
}

// `-- --notify`: the notifier's latency instead (alert on topic → webhook received).
(process.argv.includes('--notify') ? benchNotify : main)().catch((error: unknown) => {
  console.error('benchmark failed:', error);
  process.exit(1);
});
