import path from 'node:path';

import { ensureProductTopics } from '@/platform/kafka/topics';
import { getLogger } from '@/platform/logger';

import type { LocalCluster } from '../infra/local-cluster';
import { KAFKA_VERSION, ensureKafkaInstalled, startLocalKafka } from '../infra/local-kafka';
import type { LocalKafka } from '../infra/local-kafka';
import { DEMO_ADMIN_TOKEN, DEMO_PASSWORD, getConfigOrExit } from '../server/config';

import { ClusterStack } from './lib/cluster-stack';
import { FLINK_JOBS, ensureFlinkJar, streamJobSpecs, waitForFlinkJobs } from './lib/flink';
import { ensureNextBuild } from './lib/next-build';
import { ProcessGroup, waitForUrl } from './lib/process-group';
import { ROOT, bffSpec, simulatorSpec } from './lib/stack';

/**
 * `npm run demo`: the whole product with live data on this machine. A local Kafka broker unless
 * KAFKA_BROKERS names a cluster, then the simulator, the stream jobs (Flink runner) and the BFF.
 * Ready once the BFF answers healthy and every Flink job runs.
 * `npm run demo -- --cluster`: shaped like production instead: three local KRaft brokers
 * (replication factor 3, min.insync.replicas 2), the jobs, and two BFF instances behind nginx on
 * PORT (the instances on PORT+1 and PORT+2). Ctrl-C stops all.
 */
const CLUSTER = process.argv.includes('--cluster');
const say = (line: string) => console.log(`\x1b[1mdemo\x1b[0m       ${line}`);

let broker: LocalKafka | LocalCluster | undefined;
let stopping = false;
const children = new ProcessGroup({
  output: { kind: 'terminal' },
  onUnexpectedExit: (child, code) => {
    // Behind nginx one instance may die (a fault injected on purpose): the others go on serving.
    if (CLUSTER && child.name.startsWith('bff-')) return say(`${child.name} exited (code ${code}); nginx sends its clients to the other instance`);
    say(`${child.name} exited unexpectedly (code ${code}); stopping everything. See its output above.`);
    void shutdown(1);
  },
});

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await children.stopAll();
  if (broker) {
    say('stopping Kafka…');
    await broker.stop();
  }
  say('stopped; nothing left running.');
  process.exit(code);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.env.LOG_FORMAT ??= 'pretty';
  // The demo's well-known users and token (README) exist only in demo mode.
  process.env.DEMO_MODE ??= 'true';
  const config = getConfigOrExit();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  // Both builds first (each a quick check once built): everything after them starts at once.
  ensureNextBuild(ROOT, say);
  await ensureFlinkJar(say);
  if (stopping) return;
  const url = `http://${config.bff.host === '0.0.0.0' ? '127.0.0.1' : config.bff.host}:${config.bff.port}`;
  if (CLUSTER) {
    // Every process must be told the cluster's addresses, so the brokers come first (the stack's order).
    const stack = new ClusterStack({
      port: config.bff.port,
      kafkaPort: config.localKafka.port,
      kafkaDataDir: `${config.localKafka.dataDir}-cluster`,
      nginxPrefix: path.join(ROOT, '.data', `nginx-${config.bff.port}`),
      group: children,
      say,
    });
    broker = stack.cluster;
    await stack.start(() => stopping);
  } else {
    // The Flink JVM takes longer to boot than the broker, so it starts beside it and waits for it:
    // the runner's first Kafka call waits, and a job that starts before its topics exist restarts
    // once (exponential back-off from 1 s). The BFF is ready in a second, so it starts once the
    // topics exist: started beside the broker, it logged connection errors a new user saw first,
    // and the demo was no sooner ready (the Flink jobs are what it waits for).
    const brokerUp = startBroker(config);
    startFlinkRunner();
    await brokerUp;
    if (stopping) return;
    await createTopics(config);
    children.start(bffSpec());
    children.start(simulatorSpec());
  }

  const since = (at: number) => `${((Date.now() - at) / 1000).toFixed(0)} s`;
  await Promise.all([
    waitForUrl(`${url}/api/health`, 120_000, (body) => (body as { status?: string }).status === 'ok').then(() => say(`BFF healthy after ${since(started)}`)),
    waitForFlinkJobs(`http://127.0.0.1:${config.flink.restPort}`, 120_000).then(() => say(`Flink jobs running after ${since(started)}`)),
  ]);
  // Ctrl-C during the start: shutdown is under way, and "ready, open …" would send the user to a stopped server.
  if (stopping) return;
  say(`\x1b[32mready in ${since(started)}: open ${url}\x1b[0m  (Ctrl-C stops everything)`);
  say(`Flink web UI (the stream jobs): http://127.0.0.1:${config.flink.restPort}`);
  if (config.auth.demoMode) {
    say(`sign in as fleet, security, platform or admin with password "${DEMO_PASSWORD}"; API token for admin: ${DEMO_ADMIN_TOKEN}`);
  }
}

function startFlinkRunner(): void {
  say(`starting the Flink runner (${FLINK_JOBS.join(', ')})…`);
  for (const spec of streamJobSpecs()) children.start(spec);
}

async function createTopics(config: ReturnType<typeof getConfigOrExit>): Promise<void> {
  // The line below says what was created; the topics module's own info line would repeat it.
  const created = await ensureProductTopics(config.kafka, getLogger('demo').child({}, { level: 'warn' }));
  say(created.length > 0 ? `created ${created.length} topics` : 'topics exist');
}

/** The local broker (KAFKA_BROKERS unset), or nothing to start for a cluster. */
async function startBroker(config: ReturnType<typeof getConfigOrExit>): Promise<void> {
  if (!config.kafka.local) return say(`using the Kafka cluster at ${config.kafka.brokers.join(',')}`);
  say(`KAFKA_BROKERS is not set: using a local Apache Kafka ${KAFKA_VERSION} (data in ${config.localKafka.dataDir})`);
  await ensureKafkaInstalled(say);
  broker = await startLocalKafka({ port: config.localKafka.port, dataDir: config.localKafka.dataDir, onProgress: say });
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${(error as Error).message ?? error}`);
  void shutdown(1);
});
