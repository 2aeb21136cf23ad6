import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { Kafka, logLevel } from 'kafkajs';
import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

import type { HealthResponse } from '../../lib/api/health';
import { DEMO_ADMIN_TOKEN } from '../../server/config';
import { percentile } from '../percentile';

/**
 * `npm run bench:faults` (a benchmark, not part of the test suite): against a running
 * `npm run demo -- --cluster` (PORT, KAFKA_LOCAL_PORT as given to it), with a few hundred
 * Socket.IO clients connected through nginx, it injects in turn: SIGKILL of one BFF instance,
 * SIGKILL of a broker, SIGSTOP of a broker for 20 s. It measures how long clients take to be back
 * and how long health takes to show the lost broker. Restarting what it killed is the demo's
 * operator's job (a killed broker: `npm run demo -- --cluster` again; see the README run book).
 */
const PORT = Number(process.env.PORT ?? 3000);
const KAFKA_PORT = Number(process.env.KAFKA_LOCAL_PORT ?? 9092);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 30);
const URL = `http://127.0.0.1:${PORT}`;

interface FaultRow {
  fault: string;
  detail: string;
  reconnectMaxS?: number;
  reconnectP50S?: number;
  healthDetectedS?: number;
}

function pidListening(port: number): number {
  const out = execFileSync('ss', ['-Hltnp', `sport = :${port}`], { encoding: 'utf8' });
  const pid = /pid=(\d+)/.exec(out)?.[1];
  if (!pid) throw new Error(`nothing listens on ${port} (is \`npm run demo -- --cluster\` running with PORT=${PORT}?)`);
  return Number(pid);
}

async function connectClients(count: number): Promise<{ sockets: Socket[]; lostAt: Map<Socket, number>; backAfterMs: number[] }> {
  const lostAt = new Map<Socket, number>();
  const backAfterMs: number[] = [];
  const sockets = await Promise.all(
    Array.from({ length: count }, () => {
      const socket = io(URL, { transports: ['websocket'], auth: { token: DEMO_ADMIN_TOKEN }, reconnectionDelay: 200, reconnectionDelayMax: 1_000 });
      socket.on('disconnect', () => lostAt.set(socket, Date.now()));
      socket.on('connect', () => {
        const lost = lostAt.get(socket);
        if (lost !== undefined) backAfterMs.push(Date.now() - lost);
        lostAt.delete(socket);
        socket.emit('subscribe', { channel: 'alerts' }, () => undefined);
      });
      // A refused client (e.g. past SOCKET_CONNECTIONS_PER_USER for the one token) must not hang the run.
      return new Promise<Socket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (error) =>
          reject(new Error(`a client could not connect: ${error.message} (the demo's BFFs need SOCKET_CONNECTIONS_PER_USER ≥ BENCH_CLIENTS)`)),
        );
      });
    }),
  );
  return { sockets, lostAt, backAfterMs };
}

async function anomaliesLeaderPort(): Promise<number> {
  const kafka = new Kafka({ clientId: 'bench-faults', brokers: [0, 2, 4].map((offset) => `127.0.0.1:${KAFKA_PORT + offset}`), logLevel: logLevel.NOTHING });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const [topic] = (await admin.fetchTopicMetadata({ topics: ['fleet.anomalies'] })).topics;
    const leader = topic?.partitions.find((p) => p.partitionId === 0)?.leader;
    const broker = (await admin.describeCluster()).brokers.find((b) => b.nodeId === leader);
    if (!broker) throw new Error('no leader for fleet.anomalies partition 0');
    return broker.port;
  } finally {
    await admin.disconnect();
  }
}

async function health(port = PORT): Promise<HealthResponse | undefined> {
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

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function killBff(clients: Awaited<ReturnType<typeof connectClients>>): Promise<FaultRow> {
  const pid = pidListening(PORT + 1);
  clients.backAfterMs.length = 0;
  process.kill(pid, 'SIGKILL');
  const deadline = Date.now() + 30_000;
  await sleep(1_000);
  while (clients.lostAt.size > 0 && Date.now() < deadline) await sleep(100);
  const back = clients.backAfterMs;
  return {
    fault: 'kill -9 BFF bff-1',
    detail: `${back.length} of ${clients.sockets.length} clients were on it; ${clients.lostAt.size} not back after 30 s`,
    reconnectMaxS: back.length ? Math.max(...back) / 1000 : 0,
    reconnectP50S: back.length ? percentile(back, 50) / 1000 : 0,
  };
}

/** Health of the surviving instance (PORT+2) until it says Kafka is gone or `ms` pass. */
async function healthDetection(fault: () => void, ms: number): Promise<number | undefined> {
  const started = Date.now();
  fault();
  while (Date.now() - started < ms) {
    const answer = await health(PORT + 2);
    if (answer && !answer.kafka.connected) return (Date.now() - started) / 1000;
    await sleep(250);
  }
  return undefined;
}

async function main(): Promise<void> {
  const load = () =>
    os
      .loadavg()
      .map((v) => v.toFixed(1))
      .join(' / ');
  const startLoad = load();
  const clients = await connectClients(CLIENTS);
  console.log(`${clients.sockets.length} clients connected through nginx at ${URL}; load average ${startLoad}`);
  const rows: FaultRow[] = [];

  // One broker of three gone: the cluster still answers (RF 3, min ISR 2), so health must stay ok.
  const leaderPort = await anomaliesLeaderPort();
  process.kill(pidListening(leaderPort), 'SIGKILL');
  await sleep(10_000);
  const afterKill = await health(PORT + 2);
  rows.push({
    fault: `kill -9 broker ${leaderPort} (leads fleet.anomalies partition 0)`,
    detail: `health after 10 s: ${afterKill?.status} (kafka connected: ${afterKill?.kafka.connected}; 2 of 3 brokers left)`,
  });

  // The two left, stopped: the cluster is gone for clients, and health must say so within 10 s.
  const stopped = [KAFKA_PORT, KAFKA_PORT + 2, KAFKA_PORT + 4].filter((port) => port !== leaderPort).map(pidListening);
  const detected = await healthDetection(() => stopped.forEach((pid) => process.kill(pid, 'SIGSTOP')), 20_000);
  await sleep(Math.max(0, 20_000 - (detected ?? 20) * 1000));
  for (const pid of stopped) process.kill(pid, 'SIGCONT');
  const cleared = Date.now();
  while (!(await health(PORT + 2))?.kafka.connected && Date.now() - cleared < 60_000) await sleep(250);
  rows.push({
    fault: 'SIGSTOP the other two brokers 20 s, SIGCONT',
    detail: `health cleared ${((Date.now() - cleared) / 1000).toFixed(1)} s after SIGCONT`,
    healthDetectedS: detected,
  });

  // Last: the demo of this checkout may stop everything when an instance dies.
  rows.push(await killBff(clients));
  for (const socket of clients.sockets) socket.disconnect();
  const table = ['| fault | clients back: max / p50 | health showed it after | detail |', '| --- | --- | --- | --- |'];
  for (const row of rows) {
    const back = row.reconnectMaxS === undefined ? '' : `${row.reconnectMaxS.toFixed(2)} s / ${row.reconnectP50S?.toFixed(2)} s`;
    table.push(`| ${row.fault} | ${back} | ${row.healthDetectedS === undefined ? '' : `${row.healthDetectedS.toFixed(1)} s`} | ${row.detail} |`);
  }
  const maxReconnect = Math.max(...rows.map((row) => row.reconnectMaxS ?? 0));
  const last = `faults: lost not measured, duplicated not measured, sales minutes differing not measured, max reconnect ${maxReconnect.toFixed(2)} s, health detected in ${detected?.toFixed(1) ?? '>20'} s`;
  const report = [
    `# Fault harness (${new Date().toISOString()})`,
    '',
    `${CLIENTS} Socket.IO clients through nginx; load average at start ${startLoad}, at end ${load()} (2 cores shared with other agents).`,
    '',
    ...table,
    '',
    last,
    '',
  ].join('\n');
  console.log(report);
  fs.mkdirSync(path.join(__dirname, '..', 'results'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '..', 'results', 'faults.md'), report);
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(`bench:faults failed: ${(error as Error).message}`);
  process.exit(1);
});
