import type { Admin, Kafka } from 'kafkajs';

import { explainKafkaError } from '@/platform/kafka/errors';
import type { KafkaConnectionConfig } from '@/platform/kafka/settings';
import type { Logger } from '@/platform/logger';

import { deadLetterMessages } from '../metrics';

/**
 * Asks the cluster, on an interval, whether it answers and how much every `dlq.*` topic holds.
 * Consumers reconnect by themselves; this is what health reports, and how rejections made by
 * any consumer in the pipeline (not only the BFF's) show in `/api/health` and `/metrics`.
 */
export class ClusterMonitor {
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private connected = false;
  private brokers: string[] = [];
  private deadLetters: Record<string, number> = {};
  /** Why the last check failed, in terms of the settings (a refused password, an untrusted CA). */
  private problem: string | undefined;

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly connection: KafkaConnectionConfig,
    private readonly intervalMs = 5_000,
  ) {}

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  status(): { connected: boolean; brokers: string[]; deadLetters: Record<string, number>; problem?: string } {
    return { connected: this.connected, brokers: [...this.brokers], deadLetters: { ...this.deadLetters }, problem: this.problem };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** Runs one check now (tests and health use it to avoid waiting for the interval). */
  async check(): Promise<void> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      this.brokers = cluster.brokers.map((broker) => `${broker.host}:${broker.port}`);
      if (!this.connected) this.logger.info({ brokers: this.brokers }, 'Kafka connected');
      this.connected = true;
      this.problem = undefined;
      this.deadLetters = await countDeadLetters(this.admin);
      for (const [topic, count] of Object.entries(this.deadLetters)) deadLetterMessages.set({ topic }, count);
    } catch (error) {
      const problem = explainKafkaError(error, this.connection);
      // Once per change, not every interval: a wrong password would otherwise fill the log.
      if (problem !== this.problem) this.logger.error(`${problem}; retrying every ${this.intervalMs / 1000} s`);
      this.problem = problem;
      this.connected = false;
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
    }
  }
}

/** Messages retained in each DLQ: end offset minus earliest offset, summed over partitions. */
async function countDeadLetters(admin: Admin): Promise<Record<string, number>> {
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith('dlq.')).sort();
  const counts: Record<string, number> = {};
  for (const topic of topics) {
    const partitions = await admin.fetchTopicOffsets(topic);
    counts[topic] = partitions.reduce((sum, p) => sum + (Number(p.high) - Number(p.low)), 0);
  }
  return counts;
}
