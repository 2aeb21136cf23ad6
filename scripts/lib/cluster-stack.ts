import { loadKafkaSettings } from '@/platform/kafka/settings';
import { ensureProductTopics } from '@/platform/kafka/topics';
import { getLogger } from '@/platform/logger';

import { LocalCluster } from '../../infra/local-cluster';
import { KAFKA_VERSION, ensureKafkaInstalled } from '../../infra/local-kafka';
import { nginxSpec } from '../../infra/nginx';

import { FLINK_JOBS, flinkRunnerSpec } from './flink';
import type { ChildEnv, ChildSpec, ManagedChild, ProcessGroup } from './process-group';
import { waitForUrl } from './process-group';
import { bffSpec, simulatorSpec } from './stack';

export interface ClusterStackOptions {
  /** nginx listens here; BFF instance i (1-based) on port + i. */
  port: number;
  /** Broker i (0-based) on kafkaPort + 2i, its controller one above. */
  kafkaPort: number;
  kafkaDataDir: string;
  /** Wipe the brokers' data first (a fault harness starts from nothing; the demo keeps its data). */
  fresh?: boolean;
  nginxPrefix: string;
  instances?: number;
  /** Settings every process gets over the caller's environment (ports, checkpoint folder…). */
  env?: ChildEnv;
  simulatorArgs?: string[];
  group: ProcessGroup;
  say: (line: string) => void;
}

/**
 * The production-shaped stack on one machine (`npm run demo -- --cluster`, `npm run bench:faults`):
 * three KRaft brokers (replication factor 3, min.insync.replicas 2), the Flink runner with every
 * job, N BFF instances behind nginx and the simulator. Its parts can be killed and started again
 * one by one, as the fault harness does.
 */
export class ClusterStack {
  readonly cluster: LocalCluster;
  readonly url: string;
  readonly bffPorts: number[];
  private readonly bffs = new Map<number, ManagedChild>();
  private flink: ManagedChild | undefined;
  private env: ChildEnv;

  constructor(private readonly options: ClusterStackOptions) {
    this.cluster = new LocalCluster({ basePort: options.kafkaPort, dataDir: options.kafkaDataDir, fresh: options.fresh, onProgress: options.say });
    this.url = `http://127.0.0.1:${options.port}`;
    this.bffPorts = Array.from({ length: options.instances ?? 2 }, (_, i) => options.port + 1 + i);
    // Every process below is told the cluster's addresses and its replication factor.
    this.env = { ...options.env, KAFKA_BROKERS: this.cluster.brokers, KAFKA_TOPIC_REPLICATION_FACTOR: '3' };
  }

  /** Brokers, topics, jobs, BFFs, nginx, simulator; `stopping()` true (Ctrl-C meanwhile) ends it early. */
  async start(stopping: () => boolean = () => false): Promise<void> {
    const { say } = this.options;
    await ensureKafkaInstalled(say);
    say(`starting three Kafka ${KAFKA_VERSION} brokers on ${this.cluster.brokers} (replication factor 3, min.insync.replicas 2)`);
    await this.cluster.start();
    if (stopping()) return;
    const created = await ensureProductTopics(loadKafkaSettings({ ...process.env, ...this.env }).kafka, getLogger('stack'));
    say(created.length > 0 ? `created ${created.length} topics` : 'topics exist');
    this.startFlink();
    for (const index of this.bffPorts.keys()) this.startBff(index + 1);
    await Promise.all(this.bffPorts.map((port) => waitForUrl(`http://127.0.0.1:${port}/api/health/live`, 180_000)));
    if (stopping()) return;
    this.launch(nginxSpec({ port: this.options.port, upstreams: this.bffPorts, prefix: this.options.nginxPrefix }));
    say(`nginx on ${this.url} in front of ${this.bffPorts.map((p) => `127.0.0.1:${p}`).join(', ')} (infra/nginx/fleetwatch.conf)`);
    this.launch(simulatorSpec(this.options.simulatorArgs ?? []));
  }

  /** Instance `n` (1-based) as bff-n on port + n. */
  startBff(n: number): ManagedChild {
    const port = this.options.port + n;
    // Flink's REST API is the runner's (FLINK_REST_PORT), whatever port the instance has.
    const child = this.launch({ ...bffSpec({ PORT: String(port), BFF_INSTANCE_ID: `bff-${n}`, PUBLIC_URL: this.url }), name: `bff-${n}` });
    this.bffs.set(n, child);
    return child;
  }

  bff(n: number): ManagedChild | undefined {
    return this.bffs.get(n);
  }

  startFlink(): ManagedChild {
    this.options.say(`starting the Flink runner (${FLINK_JOBS.join(', ')})…`);
    this.flink = this.launch(flinkRunnerSpec());
    return this.flink;
  }

  flinkRunner(): ManagedChild | undefined {
    return this.flink;
  }

  /** Children first (the BFFs before what feeds them), the brokers last. */
  async stop(): Promise<void> {
    await this.options.group.stopAll();
    await this.cluster.stop();
  }

  private launch(spec: ChildSpec): ManagedChild {
    return this.options.group.start({ ...spec, env: { ...spec.env, ...this.env } });
  }
}

/** SIGKILL, as a crash: resolves once the process is gone. */
export async function killChild(child: ManagedChild | undefined): Promise<void> {
  if (!child || child.process.exitCode !== null || child.process.signalCode !== null) return;
  child.process.kill('SIGKILL');
  await child.exited;
}
