import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Kafka } from 'kafkajs';
import pino from 'pino';

import { createKafka } from '@/platform/kafka/client';

import { ensureNextBuild } from '../scripts/lib/next-build';
import { ProcessGroup } from '../scripts/lib/process-group';
import { ROOT, bffSpec } from '../scripts/lib/stack';
import { DEMO_ADMIN_TOKEN, loadConfig } from '../server/config';
import { LagMonitor } from '../server/lag/lag-monitor';
import { TEST_PORTS } from '../test/support/ports';

import { benchBroker } from './bench-broker';

/**
 * `npm run bench:lag`: one full poll of the BFF's lag monitor over ≥ 500 consumer groups and
 * ≥ 2,000 partitions on a local broker of its own (or KAFKA_BROKERS), with the BFF's CPU and memory.
 * Bench-only topics `bench.lag.*` and groups `bench.lag.group-*`; offsets are committed with the
 * admin client (setOffsets on empty groups), so every group has lag on every partition.
 */
const TOPICS = Number(process.env.BENCH_TOPICS ?? 50);
const PARTITIONS_PER_TOPIC = Number(process.env.BENCH_PARTITIONS ?? 40);
const GROUPS = Number(process.env.BENCH_GROUPS ?? 500);
const RECORDS_PER_PARTITION = 20;
const CYCLES = Number(process.env.BENCH_CYCLES ?? 12);
const PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19_692);
const RESULTS = path.join(__dirname, 'results', 'lag-poll.md');
const BFF_SAMPLE_MS = Number(process.env.BENCH_BFF_SECONDS ?? 60) * 1000;

const topicName = (index: number) => `bench.lag.t${String(index).padStart(3, '0')}`;
const groupName = (index: number) => `bench.lag.group-${String(index).padStart(4, '0')}`;

async function main(): Promise<void> {
  const broker = await benchBroker(PORT);
  const brokers = broker.brokers;
  const config = loadConfig({ KAFKA_BROKERS: brokers, DEMO_MODE: 'true', LOG_LEVEL: 'warn' });
  const kafka = createKafka(config.kafka, 'bench-lag');
  try {
    await prepare(kafka);
    const inProcess = await measure(kafka, config.lag);
    const bff = await measureBff(brokers);
    writeResults([...inProcess.lines, '', ...bff], inProcess.cycles, brokers);
  } finally {
    await broker.stop();
  }
}

async function prepare(kafka: Kafka): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const t0 = Date.now();
    const existing = new Set(await admin.listTopics());
    const missing = Array.from({ length: TOPICS }, (_, i) => topicName(i)).filter((topic) => !existing.has(topic));
    if (missing.length > 0)
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: PARTITIONS_PER_TOPIC, replicationFactor: 1 })),
        waitForLeaders: true,
      });
    await produce(kafka);
    await commitOffsets(kafka);
    console.log(`prepared ${TOPICS} topics × ${PARTITIONS_PER_TOPIC} partitions and ${GROUPS} groups in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await admin.disconnect();
  }
}

async function produce(kafka: Kafka): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let t = 0; t < TOPICS; t += 1) {
    const messages = Array.from({ length: PARTITIONS_PER_TOPIC * RECORDS_PER_PARTITION }, (_, i) => ({
      partition: i % PARTITIONS_PER_TOPIC,
      value: `record-${i}`,
    }));
    // Fresh partitions on a busy single node can take a while to get their leader: retry rather than fail.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await producer.send({ topic: topicName(t), messages });
        break;
      } catch (error) {
        if (attempt >= 10) throw error;
        await new Promise((resolve) => setTimeout(resolve, 3_000));
      }
    }
  }
  await producer.disconnect();
}

/**
 * Group g reads topic g mod TOPICS and, for every fifth group, the next topic too; each partition a
 * few records behind. The admin's setOffsets joins each group with a whole consumer (seconds per
 * group), so the bench commits as a standalone client does instead: OffsetCommit with no member
 * and generation -1, which the broker accepts for groups without members.
 */
async function commitOffsets(kafka: Kafka): Promise<void> {
  const cluster = internalCluster(kafka);
  await cluster.connect();
  try {
    const jobs = Array.from({ length: GROUPS }, (_, g) => g);
    const worker = async () => {
      for (let g = jobs.shift(); g !== undefined; g = jobs.shift()) {
        const topics = (g % 5 === 0 ? [g % TOPICS, (g + 1) % TOPICS] : [g % TOPICS]).map((t) => ({
          topic: topicName(t),
          partitions: Array.from({ length: PARTITIONS_PER_TOPIC }, (_, p) => ({ partition: p, offset: String((g + p) % (RECORDS_PER_PARTITION + 1)) })),
        }));
        const coordinator = await cluster.findGroupCoordinator({ groupId: groupName(g) });
        await coordinator.offsetCommit({ groupId: groupName(g), groupGenerationId: -1, memberId: '', topics });
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  } finally {
    await cluster.disconnect();
  }
}

interface BenchCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  findGroupCoordinator(options: { groupId: string }): Promise<{
    offsetCommit(request: {
      groupId: string;
      groupGenerationId: number;
      memberId: string;
      topics: { topic: string; partitions: { partition: number; offset: string }[] }[];
    }): Promise<unknown>;
  }>;
}

/** kafkajs's own Cluster, made by the client's private factory (as server/lag/cluster-reader.ts does). */
function internalCluster(kafka: Kafka): BenchCluster {
  const symbol = Object.getOwnPropertySymbols(kafka).find((candidate) => candidate.description === 'private:Kafka:createCluster');
  const factory = symbol ? (kafka as unknown as Record<symbol, (options: object) => BenchCluster>)[symbol] : undefined;
  if (!factory) throw new Error('kafkajs 2.2.x expected');
  return factory({ allowAutoTopicCreation: false });
}

async function measure(kafka: Kafka, lagConfig: ReturnType<typeof loadConfig>['lag']): Promise<{ lines: string[]; cycles: { ms: number; cpuMs: number }[] }> {
  const monitor = new LagMonitor(kafka, { ...lagConfig, allow: ['bench.lag.*'] }, pino({ level: 'warn' }));
  const cycles: { ms: number; cpuMs: number; groups: number; partitions: number; lookups: number }[] = [];
  let maxLoopDelay = 0;
  for (let cycle = 0; cycle < CYCLES; cycle += 1) {
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    // How long the event loop is held while polling: a timer that should fire every 10 ms.
    let last = performance.now();
    const probe = setInterval(() => {
      const now = performance.now();
      maxLoopDelay = Math.max(maxLoopDelay, now - last - 10);
      last = now;
    }, 10);
    const result = await monitor.pollOnce();
    clearInterval(probe);
    const ms = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    const partitions = result.response.groups.reduce((sum, group) => sum + group.partitions, 0);
    const lookups = result.verdicts.flatMap((v) => v.partitions).filter((p) => p.lagMethod === 'timestamp').length;
    cycles.push({ ms, cpuMs: (used.user + used.system) / 1000, groups: result.response.groups.length, partitions, lookups });
    const phases = Object.entries(result.phases)
      .map(([name, phaseMs]) => `${name} ${phaseMs.toFixed(0)}`)
      .join(', ');
    console.log(
      `cycle ${cycle + 1}: ${ms.toFixed(0)} ms (${phases}), CPU ${((used.user + used.system) / 1000).toFixed(0)} ms, ${result.response.groups.length} groups, ${partitions} group-partitions, ${lookups} lag figures from record timestamps`,
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  await monitor.stop();
  const memory = process.memoryUsage();
  // The first cycle connects and fetches metadata: reported apart from the steady state.
  const steady = cycles.slice(1);
  const sorted = [...steady].sort((a, b) => a.ms - b.ms);
  const pick = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.ms ?? 0;
  const cpuPerCycle = steady.reduce((sum, c) => sum + c.cpuMs, 0) / steady.length;
  const distinctPartitions = TOPICS * PARTITIONS_PER_TOPIC;
  const lines = [
    `groups: ${cycles[0]?.groups}, distinct partitions: ${distinctPartitions}, group-partitions evaluated per poll: ${cycles[0]?.partitions}`,
    `first poll (connect + metadata): ${cycles[0]?.ms.toFixed(0)} ms`,
    `steady poll over ${steady.length} cycles: median ${pick(0.5).toFixed(0)} ms, p95 ${pick(0.95).toFixed(0)} ms, max ${sorted.at(-1)?.ms.toFixed(0)} ms`,
    `CPU per poll: ${cpuPerCycle.toFixed(0)} ms (= ${((cpuPerCycle / lagConfig.pollIntervalMs) * 100).toFixed(1)} % of one core at the default ${lagConfig.pollIntervalMs / 1000} s interval)`,
    `longest event-loop stall during a poll: ${maxLoopDelay.toFixed(0)} ms`,
    `memory after ${CYCLES} polls: rss ${(memory.rss / 1e6).toFixed(0)} MB, heap used ${(memory.heapUsed / 1e6).toFixed(0)} MB`,
  ];
  console.log(`\n${lines.join('\n')}`);
  return { lines: ["In-process LagMonitor (the BFF's code, nothing else in the process):", ...lines], cycles };
}

/**
 * The whole BFF (pages, streams, Socket.IO, lag monitor at the default 5 s interval) against the
 * same cluster: its process's CPU and resident memory over BENCH_BFF_SECONDS, and the poll times
 * it reports on /api/lag.
 */
async function measureBff(brokers: string): Promise<string[]> {
  ensureNextBuild(ROOT, console.log);
  const port = TEST_PORTS.bench;
  const logPath = path.join(ROOT, '.data', 'test-logs', 'bench-lag-bff.log');
  fs.mkdirSync(path.dirname(logPath), { recursive: true });
  const group = new ProcessGroup({ output: { kind: 'file', path: logPath } });
  const bff = group.start(bffSpec({ KAFKA_BROKERS: brokers, PORT: String(port), HOST: '127.0.0.1', DEMO_MODE: 'true', LOG_LEVEL: 'warn' }));
  const url = `http://127.0.0.1:${port}/api/lag`;
  const lag = async () => {
    const response = await fetch(url, { headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` } }).catch(() => undefined);
    return response?.ok ? ((await response.json()) as { groups: unknown[]; polledAt: number | null; pollMs: number | null }) : undefined;
  };
  try {
    const deadline = Date.now() + 240_000;
    while (((await lag())?.groups.length ?? 0) < GROUPS) {
      if (Date.now() > deadline) throw new Error(`the BFF did not report ${GROUPS} groups within 240 s; see ${logPath}`);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const pid = bff.process.pid ?? 0;
    const cpuStart = processCpuMs(pid);
    const started = Date.now();
    const polls = new Map<number, number>();
    let maxRss = 0;
    while (Date.now() - started < BFF_SAMPLE_MS) {
      const answer = await lag();
      if (answer?.polledAt && answer.pollMs !== null) polls.set(answer.polledAt, answer.pollMs);
      maxRss = Math.max(maxRss, processRssMb(pid));
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    const cpuPct = ((processCpuMs(pid) - cpuStart) / (Date.now() - started)) * 100;
    const times = [...polls.values()].sort((a, b) => a - b);
    const lines = [
      `Whole BFF (npm start's server, default settings, ${GROUPS} groups), sampled for ${BFF_SAMPLE_MS / 1000} s:`,
      `polls reported: ${times.length}, poll time median ${times[Math.floor(times.length / 2)]?.toFixed(0)} ms, max ${times.at(-1)?.toFixed(0)} ms`,
      `BFF CPU: ${cpuPct.toFixed(1)} % of one core; resident memory max ${maxRss.toFixed(0)} MB`,
    ];
    console.log(`\n${lines.join('\n')}`);
    return lines;
  } finally {
    await group.stopAll();
  }
}

/** utime + stime of a process from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  return (ticks * 1000) / 100;
}

function processRssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : 0;
}

function writeResults(lines: string[], cycles: { ms: number; cpuMs: number }[], brokers: string): void {
  const text = `# Lag monitor: one full poll at scale

Command: \`npm run bench:lag\` (${new Date().toISOString()}, broker ${brokers}, Kafka 4.3.1 single node on the
same machine; Node ${process.version}; ${TOPICS} topics × ${PARTITIONS_PER_TOPIC} partitions, ${GROUPS} groups).
First the BFF's own \`LagMonitor\` alone in the bench process, then the whole BFF process against the same
cluster. Goal: one full poll under 1 s.

\`\`\`
${lines.join('\n')}
\`\`\`

Machine: ${os.cpus().length} cores, load average (1 min) ${os.loadavg()[0]?.toFixed(1)} when the results were written.

Per cycle (ms wall / ms CPU): ${cycles.map((c) => `${c.ms.toFixed(0)}/${c.cpuMs.toFixed(0)}`).join(', ')}
`;
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, text);
  console.log(`written to ${path.relative(process.cwd(), RESULTS)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
