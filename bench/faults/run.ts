import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Admin } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';

import type { FleetSnapshot } from '../../lib/api/fleet';
import type { HealthResponse } from '../../lib/api/health';
import { TOPICS } from '../../lib/contracts/topics';
import { ClusterStack, killChild } from '../../scripts/lib/cluster-stack';
import { ensureFlinkJar, waitForFlinkJobs } from '../../scripts/lib/flink';
import { ensureNextBuild } from '../../scripts/lib/next-build';
import { ProcessGroup, waitForUrl } from '../../scripts/lib/process-group';
import { ROOT } from '../../scripts/lib/stack';
import { DEMO_ADMIN_TOKEN } from '../../server/config';
import { closedMinuteMismatches } from '../../test/support/sales-compare';
import { SalesOracle } from '../../test/support/sales-oracle';
import { sendScenario } from '../../test/support/scenario';
import { readTopicToEnd } from '../../test/support/topic-reader';
import { percentile } from '../percentile';

import type { BenchClient } from './clients';
import { connectClients, fetchAdmin, inboxIds, reconnectsSince, slowClient } from './clients';
import type { ScenarioEpisode, TopicAlert } from './tally';
import { alertsOnTopics, episodeAlertIds, listedTwice, missingFromInbox } from './tally';

/**
 * `npm run bench:faults` (a benchmark, not part of the test suite): starts the production-shaped
 * stack itself (three brokers, the Flink runner, two BFFs behind nginx, the simulator) on its own
 * ports and a fresh data folder, connects BENCH_CLIENTS Socket.IO clients through nginx, and
 * injects in turn: kill -9 of the broker leading fleet.anomalies, SIGSTOP of a broker for 20 s
 * (then of two, to time health), kill -9 of one BFF, kill -9 of the Flink runner, a client that
 * stops reading. Each fault starts an overheat and a crowd scenario and is recovered (restart)
 * before the next. At the end it counts lost and duplicated alerts, and closed sales minutes that
 * differ from an independent recomputation; writes bench/results/faults.md.
 */
const PORT = Number(process.env.BENCH_FAULTS_PORT ?? 5900);
const KAFKA_PORT = Number(process.env.BENCH_FAULTS_KAFKA_PORT ?? 19970);
const CLIENTS = Math.min(1_000, Math.max(1, Number(process.env.BENCH_CLIENTS ?? 200)));
const DATA = path.join(ROOT, '.data', `bench-faults-${PORT}`);
const LOG = path.join(DATA, 'stack.log');
const URL = `http://127.0.0.1:${PORT}`;
const BFF = (n: number) => `http://127.0.0.1:${PORT + n}`;
// Flink beside the BFFs as the test stacks put it, one port up: fetch refuses port 6000 (X11, a "bad port" of the Fetch standard).
const FLINK_REST_PORT = PORT + 101;
const FLINK_REST = `http://127.0.0.1:${FLINK_REST_PORT}`;
const ZONES = ['main-hall', 'auditorium', 'cafeteria', 'lecture-a', 'lab'];
const SLOW_PAUSE_MS = 20_000;

const started = Date.now();
const say = (line: string) => console.log(`[bench:faults ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const load = () =>
  os
    .loadavg()
    .map((v) => v.toFixed(1))
    .join(' / ');

interface FaultRow {
  fault: string;
  episodes: (ScenarioEpisode & { label: string })[];
  backAfterMs?: number[];
  notBack?: number;
  healthDetectedMs?: number;
  notes: string[];
  /** Alert delivery to the other clients is judged over this window (the slow-client fault). */
  window?: { from: number; to: number };
}

let stack: ClusterStack | undefined;
let stopping = false;
const expectedExits = new Set<string>();
/** Made once the data folder is fresh: the processes' output goes to a log file in it. */
let group: ProcessGroup | undefined;

async function health(port: number): Promise<HealthResponse | undefined> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`, {
      headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` },
      signal: AbortSignal.timeout(2_000),
    });
    return (await response.json()) as HealthResponse;
  } catch {
    return undefined;
  }
}

/** Polls `check` every 250 ms until true or `ms` pass; returns how long it took, undefined on time-out. */
async function timeUntil(check: () => Promise<boolean>, ms: number, from = Date.now()): Promise<number | undefined> {
  while (Date.now() - from < ms) {
    if (await check()) return Date.now() - from;
    await sleep(250);
  }
  return undefined;
}

/** Scenario targets are never reused, so each alert about one belongs to one episode. */
const usedVehicles = new Set<string>();

/** An overheat on a moving vehicle and a crowd in a zone, as an operator would start them during a fault. */
async function startScenarios(kafka: Kafka, index: number): Promise<FaultRow['episodes']> {
  const fleet = await fetchAdmin<FleetSnapshot>(URL, '/api/fleet/vehicles');
  const vehicle =
    fleet.vehicles.find((v) => v.status === 'moving' && v.ignition && !usedVehicles.has(v.vehicleId)) ??
    fleet.vehicles.find((v) => !usedVehicles.has(v.vehicleId));
  if (!vehicle) throw new Error('no vehicle left for an overheat scenario');
  usedVehicles.add(vehicle.vehicleId);
  const zone = ZONES[index] ?? 'main-hall';
  const since = Date.now();
  await sendScenario(kafka, 'overheat', { target: vehicle.vehicleId, durationS: 40 });
  await sendScenario(kafka, 'crowd', { target: zone, durationS: 60 });
  return [
    { label: `overheat ${vehicle.vehicleId}`, kind: 'anomaly', subject: vehicle.vehicleId, metric: 'engineTempC', since },
    { label: `crowd ${zone}`, kind: 'capacity', subject: zone, since },
  ];
}

/** The node leading most fleet.anomalies partitions. */
async function anomaliesLeader(admin: Admin): Promise<number> {
  const [topic] = (await admin.fetchTopicMetadata({ topics: [TOPICS.anomalies] })).topics;
  const counts = new Map<number, number>();
  for (const partition of topic?.partitions ?? []) counts.set(partition.leader, (counts.get(partition.leader) ?? 0) + 1);
  const [leader] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? [];
  if (leader === undefined) throw new Error(`no leader for ${TOPICS.anomalies}`);
  return leader;
}

async function settle(ms: number): Promise<void> {
  say(`settling ${seconds(ms)}…`);
  await sleep(ms);
}

async function killBroker(kafka: Kafka, admin: Admin, live: ClusterStack): Promise<FaultRow> {
  const episodes = await startScenarios(kafka, 0);
  const nodeId = await anomaliesLeader(admin);
  const port = live.cluster.nodes.find((node) => node.nodeId === nodeId)?.port;
  say(`fault a: kill -9 of broker ${nodeId} (:${port}), leader of most ${TOPICS.anomalies} partitions`);
  const at = Date.now();
  await live.cluster.killNode(nodeId);
  const shown = await timeUntil(async () => ((await health(PORT + 2))?.kafka.brokers.length ?? 3) < 3, 20_000, at);
  const during = await health(PORT + 2);
  say(`restarting broker ${nodeId}…`);
  const restartAt = Date.now();
  // Up to 5 minutes: on 2 shared cores a restarted node catching up took more than the default 120 s.
  await live.cluster.startNode(nodeId, 300_000);
  const back = await timeUntil(async () => (await health(PORT + 2))?.kafka.brokers.length === 3, 60_000);
  await settle(10_000);
  return {
    fault: `a. kill -9 broker ${nodeId} (leads ${TOPICS.anomalies}), restart`,
    episodes,
    notes: [
      `health listed 2 of 3 brokers after ${shown === undefined ? '>20 s' : seconds(shown)}, status "${during?.status}" (Kafka connected: ${during?.kafka.connected})`,
      `restarted and listed again ${back === undefined ? 'not within 60 s' : `${seconds(Date.now() - restartAt)} after the restart began`}`,
    ],
  };
}

async function pauseBrokers(kafka: Kafka, live: ClusterStack): Promise<FaultRow> {
  const episodes = await startScenarios(kafka, 1);
  say('fault b: SIGSTOP of broker 2 for 20 s, then SIGCONT');
  live.cluster.pause(2);
  await sleep(20_000);
  live.cluster.resume(2);
  const afterOne = await health(PORT + 2);
  await sleep(5_000);
  // Two of three stopped: the quorum and every partition are gone, health must say so within 10 s.
  say('… then SIGSTOP of brokers 1 and 3 (the cluster lost) until health shows it, SIGCONT');
  const at = Date.now();
  live.cluster.pause(1);
  live.cluster.pause(3);
  const detected = await timeUntil(async () => (await health(PORT + 2))?.kafka.connected === false, 20_000, at);
  await sleep(Math.max(0, 12_000 - (Date.now() - at)));
  live.cluster.resume(1);
  live.cluster.resume(3);
  const cleared = await timeUntil(async () => (await health(PORT + 2))?.kafka.connected === true, 60_000);
  await settle(10_000);
  return {
    fault: 'b. SIGSTOP broker 2 for 20 s; then brokers 1+3 until health shows it',
    episodes,
    healthDetectedMs: detected,
    notes: [
      `one broker stopped 20 s: health "${afterOne?.status}" right after SIGCONT`,
      `two stopped: health showed Kafka unreachable after ${detected === undefined ? '>20 s' : seconds(detected)}, cleared ${cleared === undefined ? 'not within 60 s' : `${seconds(cleared)} after SIGCONT`}`,
    ],
  };
}

/** Sockets an instance holds, from its /metrics (undefined when it does not answer). */
async function socketsOn(n: number): Promise<number | undefined> {
  const text = await fetch(`${BFF(n)}/metrics`, { headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }, signal: AbortSignal.timeout(5_000) })
    .then((response) => response.text())
    .catch(() => '');
  const match = /^fleetwatch_socket_clients(?:\{[^}]*\})? (\d+)/m.exec(text);
  return match ? Number(match[1]) : undefined;
}

async function killBff(kafka: Kafka, live: ClusterStack, clients: readonly BenchClient[]): Promise<FaultRow> {
  const episodes = await startScenarios(kafka, 2);
  const sockets = [await socketsOn(1), await socketsOn(2)];
  say('fault c: kill -9 of bff-1; its clients reconnect to bff-2 through nginx');
  const at = Date.now();
  expectedExits.add('bff-1');
  await killChild(live.bff(1));
  await sleep(1_000);
  await timeUntil(async () => reconnectsSince(clients, at).notBack === 0, 30_000);
  const { backAfterMs, notBack } = reconnectsSince(clients, at);
  say(`${backAfterMs.length} clients lost their socket, ${notBack} not back; restarting bff-1…`);
  const restartAt = Date.now();
  live.startBff(1);
  expectedExits.delete('bff-1');
  await waitForUrl(`${BFF(1)}/api/health`, 120_000, (body) => (body as { status?: string }).status === 'ok');
  const healthyAfter = Date.now() - restartAt;
  await settle(5_000);
  return {
    fault: 'c. kill -9 bff-1, restart',
    episodes,
    backAfterMs,
    notBack,
    notes: [
      `sockets on bff-1 / bff-2 before (their /metrics): ${sockets.map((n) => n ?? '?').join(' / ')}; ${backAfterMs.length} clients lost theirs and were back`,
      `bff-1 healthy again ${seconds(healthyAfter)} after its restart`,
    ],
  };
}

async function killFlink(kafka: Kafka, live: ClusterStack): Promise<FaultRow> {
  const episodes = await startScenarios(kafka, 3);
  say('fault d: kill -9 of the Flink runner (every stream job), restart after 3 s');
  expectedExits.add('flink');
  await killChild(live.flinkRunner());
  await sleep(3_000);
  const restartAt = Date.now();
  live.startFlink();
  expectedExits.delete('flink');
  await waitForFlinkJobs(FLINK_REST, 180_000);
  const runningAfter = Date.now() - restartAt;
  let readiness = '';
  const ready = await timeUntil(async () => {
    const response = await fetch(`${BFF(2)}/api/health/ready`).catch(() => undefined);
    readiness = response ? JSON.stringify(((await response.json()) as { checks?: unknown }).checks) : 'no answer';
    return response?.status === 200;
  }, 60_000);
  await settle(15_000);
  return {
    fault: 'd. kill -9 Flink runner, restart',
    episodes,
    notes: [
      `jobs running again ${seconds(runningAfter)} after the restart; bff-2 ready ${ready === undefined ? `not within 60 s: ${readiness}` : `${seconds(ready)} later`}`,
    ],
  };
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const match = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) / 1024;
}

async function slowReader(kafka: Kafka, live: ClusterStack): Promise<FaultRow> {
  const episodes = await startScenarios(kafka, 4);
  say(`fault e: a client subscribed to fleet and alerts stops reading its socket for ${seconds(SLOW_PAUSE_MS)}`);
  const pids = [1, 2].map((n) => live.bff(n)?.process.pid);
  const before = pids.map(rssMb);
  const peak = [...before];
  const sampler = setInterval(() => pids.forEach((pid, i) => (peak[i] = Math.max(peak[i] ?? 0, rssMb(pid)))), 500);
  const from = Date.now();
  const slow = await slowClient(URL, SLOW_PAUSE_MS).finally(() => clearInterval(sampler));
  const to = Date.now();
  slow.client.close();
  await settle(20_000);
  const fate = slow.disconnectReason
    ? `dropped (${slow.disconnectReason})${slow.reconnected ? ', reconnected and re-subscribed' : ''}`
    : `kept; caught up: ${slow.alertsAfterResume} alert pushes read after it resumed`;
  return {
    fault: 'e. a client stops reading 20 s',
    episodes,
    window: { from, to },
    notes: [
      `the slow client was ${fate}`,
      `BFF RSS before / peak: ${before.map((mb, i) => `bff-${i + 1} ${mb.toFixed(0)} / ${(peak[i] ?? 0).toFixed(0)} MB`).join(', ')}`,
    ],
  };
}

interface Outcome {
  lost: number;
  duplicated: number;
  salesDiffering: number;
  details: string[];
}

/** Everything the alert topics hold, compared with both inboxes, every client and every scenario. */
async function countAlerts(
  kafka: Kafka,
  admin: Admin,
  clients: readonly BenchClient[],
  rows: FaultRow[],
): Promise<Outcome & { alerts: Map<string, TopicAlert> }> {
  const messages = [...(await readTopicToEnd(kafka, admin, TOPICS.anomalies, 60_000)), ...(await readTopicToEnd(kafka, admin, TOPICS.zoneAlerts, 60_000))];
  const alerts = alertsOnTopics(messages);
  const details: string[] = [`${alerts.size} alert ids on ${TOPICS.anomalies} and ${TOPICS.zoneAlerts}`];
  let lost = 0;
  let duplicated = 0;
  for (const n of [1, 2]) {
    // The BFF reads the topics on its own: give it until nothing is missing, at most 30 s.
    let inbox: string[] = [];
    await timeUntil(async () => missingFromInbox(alerts.keys(), (inbox = await inboxIds(BFF(n)).catch(() => []))).length === 0, 30_000);
    const missing = missingFromInbox(alerts.keys(), inbox);
    const twice = listedTwice(inbox);
    lost += missing.length;
    duplicated += twice.length;
    details.push(
      `bff-${n} inbox: ${inbox.length} listed, ${missing.length} missing${missing.length ? ` (${missing.slice(0, 5).join(', ')})` : ''}, ${twice.length} listed twice`,
    );
  }
  const missedByClients = clients.map((client) => client.alerts.missed(alerts.values()));
  const clientLost = missedByClients.reduce((sum, ids) => sum + ids.length, 0);
  const clientDuplicates = clients.reduce((sum, client) => sum + client.alerts.duplicates(), 0);
  lost += clientLost;
  duplicated += clientDuplicates;
  const missedIds = [...new Set(missedByClients.flat())];
  details.push(
    `clients: ${clientLost} (client, alert) pairs missed${missedIds.length ? ` over ${missedIds.length} ids (${missedIds.slice(0, 5).join(', ')})` : ''}, ${clientDuplicates} detector reports received twice, ${clients.reduce((s, c) => s + c.snapshotFailures, 0)} snapshots failed`,
  );
  for (const row of rows) {
    for (const episode of row.episodes) {
      const ids = episodeAlertIds(alerts.values(), episode);
      duplicated += Math.max(0, ids.length - 1);
    }
  }
  return { lost, duplicated, salesDiffering: 0, details, alerts };
}

function episodeCell(row: FaultRow, alerts: Map<string, TopicAlert>, clients: readonly BenchClient[]): string {
  return row.episodes
    .map((episode) => {
      const ids = episodeAlertIds(alerts.values(), episode);
      const got = ids.map((id) => clients.filter((client) => client.alerts.has(id)).length);
      return `${episode.label}: ${ids.length} id${ids.length === 1 ? '' : 's'}${ids.length ? `, delivered to ${got.join('/')} of ${clients.length}` : ''}`;
    })
    .join('; ');
}

/** Delivery to the continuously connected clients of the alerts first written during a window: ms from topic to client. */
function deliveryDuring(window: { from: number; to: number }, alerts: Map<string, TopicAlert>, clients: readonly BenchClient[]): string {
  const written = [...alerts.values()].filter((a) => a.firstWrittenAt >= window.from && a.firstWrittenAt <= window.to);
  const latencies = written.flatMap((a) =>
    clients.map((c) => c.alerts.pushed.get(a.alertId)).flatMap((at) => (at === undefined ? [] : [at - a.firstWrittenAt])),
  );
  if (latencies.length === 0) return 'no alert was first written while it was paused';
  return `the other clients got ${latencies.length} pushes of ${written.length} alerts written meanwhile: p50 ${percentile(latencies, 50)} ms, max ${Math.max(...latencies)} ms after the write`;
}

async function salesCheck(admin: Admin, oracle: SalesOracle): Promise<{ differing: number; detail: string }> {
  const minutes = oracle.minuteStarts();
  if (minutes.length === 0) return { differing: 0, detail: 'sales: no purchase seen (the simulator wrote none?)' };
  const source = { fetchJson: <T>(route: string) => fetchAdmin<T>(URL, route) };
  let result = { compared: 0, mismatches: [] as string[] };
  // The BFF reads the job's partitions on its own, so a closed minute may lack its last store's row for a moment.
  await timeUntil(async () => (result = await closedMinuteMismatches(source, oracle, admin, Math.min(...minutes))).mismatches.length === 0, 30_000);
  const shown = result.mismatches.slice(0, 3).join('; ');
  return {
    differing: result.mismatches.length,
    detail: `sales: ${result.compared} closed minutes compared with the recomputation from purchase${shown ? `; ${shown}` : ''}`,
  };
}

function report(
  rows: FaultRow[],
  outcome: Outcome,
  alerts: Map<string, TopicAlert>,
  clients: readonly BenchClient[],
  startLoad: string,
  command: string,
): string {
  const table = ['| fault | clients back: max / p50 | health showed it after | scenario alerts: ids, delivered | notes |', '| --- | --- | --- | --- | --- |'];
  for (const row of rows) {
    const back = row.backAfterMs?.length
      ? `${seconds(Math.max(...row.backAfterMs))} / ${seconds(percentile(row.backAfterMs, 50))}${row.notBack ? `, ${row.notBack} not back` : ''}`
      : '';
    const notes = [...row.notes, ...(row.window ? [deliveryDuring(row.window, alerts, clients)] : [])].join('; ');
    table.push(
      `| ${row.fault} | ${back} | ${row.healthDetectedMs === undefined ? '' : seconds(row.healthDetectedMs)} | ${episodeCell(row, alerts, clients)} | ${notes} |`,
    );
  }
  const reconnects = rows.flatMap((row) => row.backAfterMs ?? []);
  const detected = rows.find((row) => row.healthDetectedMs !== undefined)?.healthDetectedMs;
  const failed = rows.filter((row) => row.notes.some((note) => note.startsWith('**the harness failed here**'))).length;
  const last = `faults: lost ${outcome.lost}, duplicated ${outcome.duplicated}, sales minutes differing ${outcome.salesDiffering}, max reconnect ${reconnects.length ? (Math.max(...reconnects) / 1000).toFixed(1) : 'n/a'} s, health detected in ${detected === undefined ? '>20' : (detected / 1000).toFixed(1)} s${failed ? ` (INCOMPLETE: ${failed} of ${rows.length} faults failed, see their rows)` : ''}`;
  return [
    `# Fault harness (${new Date(started).toISOString()})`,
    '',
    `\`${command}\`: ${clients.length} Socket.IO clients (WebSocket only) through nginx on :${PORT}, two BFFs (:${PORT + 1}, :${PORT + 2}), three brokers (:${KAFKA_PORT}, :${KAFKA_PORT + 2}, :${KAFKA_PORT + 4}), the Flink runner and the simulator, started fresh by the harness. Load average at start ${startLoad}, at end ${load()} (2 cores, shared). Run took ${seconds(Date.now() - started)}.`,
    '',
    ...table,
    '',
    ...outcome.details.map((line) => `- ${line}`),
    '',
    last,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const startLoad = load();
  // The harness's own log lines (topic creation) only when something is wrong: its progress lines say the rest.
  process.env.LOG_LEVEL ??= 'warn';
  process.on('SIGINT', () => void shutdown(130));
  process.on('SIGTERM', () => void shutdown(143));
  say(`load average ${startLoad}; stack log: ${path.relative(ROOT, LOG)}`);
  ensureNextBuild(ROOT, say);
  await ensureFlinkJar(say);
  fs.rmSync(DATA, { recursive: true, force: true });
  fs.mkdirSync(DATA, { recursive: true });
  group = new ProcessGroup({
    output: { kind: 'file', path: LOG },
    onUnexpectedExit: (child, code) => {
      if (!expectedExits.has(child.name)) say(`${child.name} exited unexpectedly (code ${code}); see ${LOG}`);
    },
  });
  const live = new ClusterStack({
    port: PORT,
    kafkaPort: KAFKA_PORT,
    kafkaDataDir: path.join(DATA, 'kafka'),
    fresh: true,
    nginxPrefix: path.join(DATA, 'nginx'),
    group,
    say,
    // Fewer vehicles than the demo (2 shared cores), more badge sightings so a crowd shows within seconds.
    simulatorArgs: ['--cabs', '30', '--tankers', '20', '--sightings-per-s', '150'],
    env: {
      HOST: '127.0.0.1',
      DEMO_MODE: 'true',
      LOG_LEVEL: 'info',
      FLINK_REST_PORT: String(FLINK_REST_PORT),
      FLINK_PROMETHEUS_PORT: String(FLINK_REST_PORT + 100),
      FLINK_CHECKPOINT_DIR: path.join(DATA, 'checkpoints'),
      // Every client signs in with the one admin token, so the per-user socket limits must hold all of them
      // (a BFF's death makes half of them reconnect and subscribe within a second).
      SOCKET_CONNECTIONS_PER_USER: String(CLIENTS + 20),
      SOCKET_EVENTS_PER_SECOND: String(Math.min(10_000, CLIENTS * 5)),
    },
  });
  stack = live;
  await live.start(() => stopping);
  await Promise.all([waitForUrl(`${URL}/api/health`, 180_000, (body) => (body as { status?: string }).status === 'ok'), waitForFlinkJobs(FLINK_REST, 180_000)]);
  say('stack healthy, Flink jobs running');
  // Healthy comes before the first processed fixes reach the BFF: the overheats need moving vehicles to pick.
  const moving = async () => (await fetchAdmin<FleetSnapshot>(URL, '/api/fleet/vehicles').catch(() => undefined))?.counts.moving ?? 0;
  if ((await timeUntil(async () => (await moving()) >= 10, 180_000)) === undefined) throw new Error('the BFF lists fewer than 10 moving vehicles after 180 s');
  say(`${await moving()} vehicles moving`);

  const kafka = new Kafka({ clientId: 'bench-faults', brokers: live.cluster.brokers.split(','), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  const oracle = new SalesOracle(kafka);
  await oracle.start();
  const clients = await connectClients(URL, CLIENTS, say);

  const rows: FaultRow[] = [];
  const faults: [string, () => Promise<FaultRow>][] = [
    ['a. kill -9 broker, restart', () => killBroker(kafka, admin, live)],
    ['b. SIGSTOP brokers', () => pauseBrokers(kafka, live)],
    ['c. kill -9 bff-1, restart', () => killBff(kafka, live, clients)],
    ['d. kill -9 Flink runner, restart', () => killFlink(kafka, live)],
    ['e. a client stops reading 20 s', () => slowReader(kafka, live)],
  ];
  for (const [name, fault] of faults) {
    // A fault whose injection or recovery fails is reported as such; the next ones and the counts still run.
    rows.push(
      await fault().catch((error: unknown) => {
        say(`${name} failed: ${(error as Error).message}`);
        return { fault: name, episodes: [], notes: [`**the harness failed here**: ${(error as Error).message}`] };
      }),
    );
  }

  say('counting: alert topics against both inboxes and every client, sales minutes against the recomputation…');
  const outcome = await countAlerts(kafka, admin, clients, rows);
  const sales = await salesCheck(admin, oracle);
  outcome.salesDiffering = sales.differing;
  outcome.details.push(sales.detail);
  const text = report(rows, outcome, outcome.alerts, clients, startLoad, `npm run bench:faults${CLIENTS === 200 ? '' : ` (BENCH_CLIENTS=${CLIENTS})`}`);
  for (const client of clients) client.close();
  await oracle.stop();
  await admin.disconnect();
  fs.mkdirSync(path.join(__dirname, '..', 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '..', 'results', 'faults.md'), text);
  // The report last, so its last line is the run's last line.
  // A run where a fault could not be injected or recovered is no result: a failing exit says so too.
  await shutdown(text.includes('INCOMPLETE') ? 1 : 0, `\n${text}`);
}

async function shutdown(code: number, finalText?: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping the stack…');
  await (stack ? stack.stop() : group?.stopAll());
  say('stopped; nothing left running');
  if (finalText) console.log(finalText);
  process.exit(code);
}

main().catch(async (error: unknown) => {
  console.error(`bench:faults failed: ${(error as Error).stack ?? error}`);
  await shutdown(1);
});
