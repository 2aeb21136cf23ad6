// npm run bench:clients [-- --steps 500,1000,2500,5000 --fleet-clients 100 --alerts 20 --cabs 600 --tankers 400 --processes 2 --no-pipeline]
// Many Socket.IO clients on ONE BFF: its memory per connection, its event-loop delay, and how long an alert takes to reach every client.
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';

import { Kafka, logLevel } from 'kafkajs';
import type { Producer } from 'kafkajs';

import { TOPICS } from '../../lib/contracts/topics';
import type { Channel } from '../../lib/realtime/channels';
import { hashToken } from '../../server/auth/passwords';
import { TEST_PORTS } from '../../test/support/ports';
import { TestStack } from '../../test/support/stack';
import { startTestKafka } from '../../test/support/test-kafka';
import { benchAnomaly } from '../bench-alert';
import type { LoadClientGroup } from '../fleet/load-clients';
import type { CpuSample } from '../fleet/proc-stats';
import { coresUsed, cpuSample, machineLoad } from '../fleet/proc-stats';
import { percentile } from '../percentile';

import type { BffMemory } from './bff-probe';
import { BffProbe } from './bff-probe';
import { ALERT_ID_PREFIX, ClientPool } from './client-pool';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '500,1000,2500,5000' },
    'fleet-clients': { type: 'string', default: '100' },
    alerts: { type: 'string', default: '20' },
    cabs: { type: 'string', default: '600' },
    tankers: { type: 'string', default: '400' },
    processes: { type: 'string', default: '2' },
    'warm-s': { type: 'string', default: '15' },
    // Only the BFF (no simulator, no Flink): sales, zones and fleet stay quiet; for a quick try of the bench itself.
    'no-pipeline': { type: 'boolean', default: false },
  },
});
const steps = (values.steps ?? '')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
  .sort((a, b) => a - b);
const fleetClients = Number(values['fleet-clients']);
const alertsPerStep = Number(values.alerts);
const processes = Number(values.processes);
/** Every client subscribes to these; the first `--fleet-clients` also to the fleet. */
const CHANNELS: readonly Channel[] = ['alerts', 'sales', 'zones'];
/**
 * Clients per API token. SOCKET_CONNECTIONS_PER_USER (20) and SOCKET_EVENTS_PER_SECOND (20, a
 * burst of 40) are per user or token, and the BFF keeps its defaults here: 10 clients share a
 * token as 10 tabs of one user would, with 30–40 subscriptions between them.
 */
const CLIENTS_PER_TOKEN = 10;
const ALERT_INTERVAL_MS = 250;
/** How long after the last alert of a step every client must have had every alert. */
const FAN_OUT_DEADLINE_MS = 15_000;

interface StepFigures {
  clients: number;
  /** Clients opened for this step, and how long that took. */
  opening: { added: number; seconds: number };
  memory: BffMemory;
  at: number;
  loop: { p99Ms: number; maxMs: number };
  cpu: { bff: number; clients: number[] };
  clientLoopP99Ms: number;
  clientLoopMaxMs: number;
  latencies: number[];
  /** Per alert: clients that received it, first and last receipt − produce. */
  perAlert: { received: number; firstMs: number; lastMs: number }[];
  load: string;
}

function log(line: string): void {
  console.log(`[bench:clients ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Clients `[from, to)` as groups of one token and one set of channels, each token's clients in one process. */
function groupsFor(tokens: readonly string[], from: number, to: number): (LoadClientGroup & { count: number })[][] {
  const perWorker: (LoadClientGroup & { count: number })[][] = Array.from({ length: processes }, () => []);
  for (let first = from; first < to;) {
    const tokenIndex = Math.floor(first / CLIENTS_PER_TOKEN);
    const fleet = first < fleetClients;
    const last = Math.min(to, (tokenIndex + 1) * CLIENTS_PER_TOKEN, fleet ? fleetClients : Infinity);
    perWorker[tokenIndex % processes]?.push({ token: tokens[tokenIndex], channels: fleet ? [...CHANNELS, 'fleet'] : CHANNELS, count: last - first });
    first = last;
  }
  return perWorker;
}

/**
 * One window at `clients` connected clients: alerts written to `fleet.anomalies` one every
 * 250 ms with their produce time noted, until every client has had every one (or the deadline);
 * the BFF's event-loop delay and the processes' CPU over that window; the BFF's memory after it
 * (after a full GC, which would otherwise count as event-loop delay).
 */
async function measureStep(
  clients: number,
  opening: StepFigures['opening'],
  probe: BffProbe,
  pool: ClientPool,
  producer: Producer,
  bffPid: number,
): Promise<StepFigures> {
  await probe.eventLoop();
  await pool.collect();
  const before: { bff: CpuSample; clients: CpuSample[] } = { bff: cpuSample(bffPid), clients: pool.cpu() };
  const producedAt = new Map<string, number>();
  for (let i = 0; i < alertsPerStep; i += 1) {
    const vehicleId = `clients-bench-${clients}-${i}`;
    const alertId = `${ALERT_ID_PREFIX}${clients}-${i}-${Date.now()}`;
    const now = Date.now();
    producedAt.set(alertId, now);
    await producer.send({ topic: TOPICS.anomalies, messages: [{ key: alertId, value: JSON.stringify(benchAnomaly(alertId, vehicleId, now)) }] });
    await sleep(ALERT_INTERVAL_MS);
  }
  const receipts = new Map<string, number[]>();
  let clientLoopP99Ms = 0;
  let clientLoopMaxMs = 0;
  const deadline = Date.now() + FAN_OUT_DEADLINE_MS;
  for (;;) {
    const collected = await pool.collect();
    for (const [alertId, times] of collected.receipts) receipts.set(alertId, [...(receipts.get(alertId) ?? []), ...times]);
    clientLoopP99Ms = Math.max(clientLoopP99Ms, collected.loopP99Ms);
    clientLoopMaxMs = Math.max(clientLoopMaxMs, collected.loopMaxMs);
    const complete = [...producedAt.keys()].every((alertId) => (receipts.get(alertId)?.length ?? 0) >= clients);
    if (complete || Date.now() > deadline) break;
    await sleep(500);
  }
  const loop = await probe.eventLoop();
  const after = { bff: cpuSample(bffPid), clients: pool.cpu() };
  const load = machineLoad();
  const memory = await probe.memory();
  const latencies: number[] = [];
  const perAlert = [...producedAt].map(([alertId, at]) => {
    const times = (receipts.get(alertId) ?? []).map((receivedAt) => receivedAt - at);
    latencies.push(...times);
    return { received: times.length, firstMs: Math.min(...times), lastMs: Math.max(...times) };
  });
  return {
    clients,
    opening,
    memory,
    at: Date.now(),
    loop,
    cpu: { bff: coresUsed(before.bff, after.bff), clients: after.clients.map((sample, i) => coresUsed(before.clients[i] ?? sample, sample)) },
    clientLoopP99Ms,
    clientLoopMaxMs,
    latencies,
    perAlert,
    load,
  };
}

function kib(bytes: number): string {
  return (bytes / 1024).toFixed(1);
}

function describe(step: StepFigures, base: StepFigures, heapDriftPerMs?: number): string {
  const n = step.clients;
  const perConnection = (mb: number) => (n === 0 ? '-' : kib((mb * 1024 * 1024) / n));
  const received = step.perAlert.map((alert) => alert.received);
  const firsts = step.perAlert.map((alert) => alert.firstMs);
  const lasts = step.perAlert.map((alert) => alert.lastMs);
  const lines = [
    `${n} clients (${Math.min(n, fleetClients)} also on the fleet)${n > 0 ? `, the last ${step.opening.added} opened in ${step.opening.seconds.toFixed(1)} s` : ''}, ${step.load}:`,
    `  BFF memory: RSS ${step.memory.rssMb.toFixed(0)} MiB (${perConnection(step.memory.rssMb - base.memory.rssMb)} KiB per connection), heap after full GC ${step.memory.heapMb.toFixed(0)} MiB (${perConnection(step.memory.heapMb - base.memory.heapMb)} KiB per connection${heapDriftPerMs === undefined ? '' : `; ${perConnection(step.memory.heapMb - base.memory.heapMb - heapDriftPerMs * (step.at - base.at))} KiB without the heap's growth at 0 clients`})`,
    `  BFF event-loop delay over the window: p99 ${step.loop.p99Ms.toFixed(0)} ms, max ${step.loop.maxMs.toFixed(0)} ms`,
  ];
  if (n > 0)
    lines.push(
      `  alert fan-out, ${step.perAlert.length} alerts on ${TOPICS.anomalies}: received by ${Math.min(...received)}–${Math.max(...received)} of ${n} clients each; receipt − produce p50 ${percentile(step.latencies, 50)} ms, p99 ${percentile(step.latencies, 99)} ms, max ${percentile(step.latencies, 100)} ms`,
      `    per alert, first client p50 ${percentile(firsts, 50)} ms (Kafka → BFF), last client p50 ${percentile(lasts, 50)} ms, max ${Math.max(...lasts)} ms`,
    );
  lines.push(
    `  CPU (cores): bff ${step.cpu.bff.toFixed(2)}, client processes ${step.cpu.clients.map((cores) => cores.toFixed(2)).join(' + ')}; client processes' event-loop delay p99 ${step.clientLoopP99Ms.toFixed(0)} ms, max ${step.clientLoopMaxMs.toFixed(0)} ms`,
  );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const started = Date.now();
  log(`steps ${steps.join(', ')} clients over ${processes} client processes, ${fleetClients} on the fleet; ${machineLoad()}`);
  const tokens = Array.from({ length: Math.ceil((steps.at(-1) ?? 0) / CLIENTS_PER_TOKEN) }, () => randomBytes(16).toString('hex'));
  const kafka = await startTestKafka();
  const stack = new TestStack({
    brokers: kafka.brokers,
    bffPort: TEST_PORTS.bench,
    logName: 'bench-clients',
    cabs: Number(values.cabs),
    tankers: Number(values.tankers),
    simulatorArgs: ['--no-archiver'],
    pipeline: !values['no-pipeline'],
    // The bench writes its own alerts: the anomaly job is not needed; the fleet, sales and zones streams are.
    flinkJobs: ['fleet-state', 'sales', 'occupancy'],
    env: { LOG_LEVEL: 'warn' },
    bffEnv: {
      AUTH_API_TOKENS: tokens.map((token, i) => `clients-bench-${i}:admin:${hashToken(token)}`).join(','),
      NODE_OPTIONS: `--inspect=127.0.0.1:${TEST_PORTS.benchInspector}`,
    },
    startTimeoutMs: 180_000,
  });
  const pool = new ClientPool();
  const producer = new Kafka({ clientId: 'bench-clients', brokers: [kafka.brokers], logLevel: logLevel.NOTHING }).producer();
  const report: string[] = [];
  try {
    await stack.start();
    const bffPid = stack.processIds().bff;
    if (bffPid === undefined) throw new Error(`no BFF process; see ${stack.logPath}`);
    const probe = new BffProbe(stack.url, bffPid, TEST_PORTS.benchInspector);
    await probe.connect();
    await pool.start(processes);
    await producer.connect();
    log(`stack up in ${((Date.now() - started) / 1000).toFixed(0)} s; warming up ${values['warm-s']} s`);
    await sleep(Number(values['warm-s']) * 1000);

    const base = await measureStep(0, { added: 0, seconds: 0 }, probe, pool, producer, bffPid);
    const figures: StepFigures[] = [];
    let opened = 0;
    for (const step of steps) {
      const openStart = Date.now();
      await pool.open(stack.url, groupsFor(tokens, opened, step));
      const openS = (Date.now() - openStart) / 1000;
      log(`${step} clients subscribed (${step - opened} in ${openS.toFixed(1)} s)`);
      await sleep(3_000);
      figures.push(await measureStep(step, { added: step - opened, seconds: openS }, probe, pool, producer, bffPid));
      log(describe(figures.at(-1) ?? base, base));
      opened = step;
    }
    // The heap also grows without clients (15 minutes of fleet history filling up): measured again at 0 clients, and taken out per step.
    pool.stop();
    await sleep(5_000);
    const end = await probe.memory();
    const heapDriftPerMs = (end.heapMb - base.memory.heapMb) / (Date.now() - base.at);
    report.push(describe(base, base, heapDriftPerMs), ...figures.map((step) => describe(step, base, heapDriftPerMs)));
    report.push(
      `Back at 0 clients after ${((Date.now() - base.at) / 1000).toFixed(0)} s: BFF RSS ${end.rssMb.toFixed(0)} MiB, heap after full GC ${end.heapMb.toFixed(0)} MiB (at the start: ${base.memory.heapMb.toFixed(0)} MiB)`,
    );
    probe.close();
  } finally {
    pool.stop();
    await producer.disconnect().catch(() => undefined);
    await stack.stop();
    await kafka.stop();
  }
  console.log(`\n===== bench:clients results (${((Date.now() - started) / 1000).toFixed(0)} s) =====\n${report.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
