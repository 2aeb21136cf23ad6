import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import type { LocalKafka } from './local-kafka';
import { resetLocalKafka, startLocalKafka } from './local-kafka';
import { generateClusterId } from './local-kafka-config';

export interface LocalClusterOptions {
  /** Node i listens on basePort + 2i (broker) and basePort + 2i + 1 (controller). */
  basePort: number;
  /** Node i keeps its data in `<dataDir>/node-<i+1>`. */
  dataDir: string;
  nodes?: number;
  /** Wipe every node's data first. */
  fresh?: boolean;
  onProgress?: (line: string) => void;
}

export interface ClusterNodeHandle {
  nodeId: number;
  port: number;
  dataDir: string;
  /** Undefined while the node is down (killed by a fault harness, not yet restarted). */
  kafka: LocalKafka | undefined;
}

/**
 * A local KRaft cluster from the same jars as the single broker: every node broker and controller,
 * a static quorum, every topic (internal ones too) with three replicas and two in sync required
 * for a write, so one node may be lost without losing an acknowledged message.
 */
export class LocalCluster {
  readonly nodes: ClusterNodeHandle[];
  private readonly clusterId: string;

  constructor(private readonly options: LocalClusterOptions) {
    const count = options.nodes ?? 3;
    this.nodes = Array.from({ length: count }, (_, i) => ({
      nodeId: i + 1,
      port: options.basePort + 2 * i,
      dataDir: path.join(options.dataDir, `node-${i + 1}`),
      kafka: undefined,
    }));
    mkdirSync(options.dataDir, { recursive: true });
    const idFile = path.join(options.dataDir, 'cluster-id');
    // Every node is formatted with one cluster id; kept so a restart finds the same cluster.
    if (options.fresh || !existsSync(idFile)) writeFileSync(idFile, generateClusterId());
    this.clusterId = readFileSync(idFile, 'utf8').trim();
  }

  get brokers(): string {
    return this.nodes.map((node) => `127.0.0.1:${node.port}`).join(',');
  }

  /** Starts every node at once: none is ready before a majority of the quorum is up. */
  async start(): Promise<void> {
    if (this.options.fresh) for (const node of this.nodes) await resetLocalKafka(node.dataDir);
    await Promise.all(this.nodes.map((node) => this.startNode(node.nodeId)));
  }

  /** `readyTimeoutMs`: how long the node may take to answer (a restart on a loaded machine is slow). */
  async startNode(nodeId: number, readyTimeoutMs?: number): Promise<void> {
    const node = this.node(nodeId);
    const voters = this.nodes.map((n) => ({ nodeId: n.nodeId, controllerPort: n.port + 1 }));
    const say = this.options.onProgress;
    node.kafka = await startLocalKafka({
      port: node.port,
      dataDir: node.dataDir,
      onProgress: say && ((line) => say(`node ${nodeId}: ${line}`)),
      cluster: { nodeId, voters, replicationFactor: 3, minInsyncReplicas: 2, clusterId: this.clusterId },
      readyTimeoutMs,
    });
  }

  /** SIGKILL, as a crash: no controlled shutdown, no leadership handed over first. */
  async killNode(nodeId: number): Promise<void> {
    const node = this.node(nodeId);
    if (!node.kafka) return;
    process.kill(node.kafka.pid, 'SIGKILL');
    await node.kafka.exited;
    node.kafka = undefined;
  }

  pause(nodeId: number): void {
    const pid = this.node(nodeId).kafka?.pid;
    if (pid !== undefined) process.kill(pid, 'SIGSTOP');
  }

  resume(nodeId: number): void {
    const pid = this.node(nodeId).kafka?.pid;
    if (pid !== undefined) process.kill(pid, 'SIGCONT');
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map(async (node) => node.kafka?.stop()));
  }

  private node(nodeId: number): ClusterNodeHandle {
    const node = this.nodes.find((n) => n.nodeId === nodeId);
    if (!node) throw new Error(`no node ${nodeId} in this cluster`);
    return node;
  }
}
