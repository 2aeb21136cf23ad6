import type { Admin, Kafka } from 'kafkajs';

import type { KafkaReachability } from '@/lib/api/health';
import { explainKafkaError } from '@/platform/kafka/errors';
import type { KafkaConnectionConfig } from '@/platform/kafka/settings';
import type { Logger } from '@/platform/logger';

import { deadLetterMessages, kafkaReachable } from '../metrics';

export interface ProbeSettings {
  /** How often the cluster is asked whether it answers. */
  intervalMs: number;
  /** A probe not answered within this counts as "unreachable" (a stopped broker accepts connections and never answers). */
  timeoutMs: number;
}

/** How often the dead-letter topics are counted: several requests each, so less often than the probe. */
const DEAD_LETTER_COUNT_MS = 5_000;

/**
 * Asks the cluster, on a short interval and with a short timeout, whether it answers: a metadata
 * request on a client of its own that never retries. kafkajs's own clients notice a lost broker
 * only on their next request, and their connect retries alone take over 20 s, so their state is
 * no health signal. Also counts every `dlq.*` topic, so rejections made by any consumer of the
 * pipeline (not only the BFF's) show in `/api/health` and `/metrics`.
 */
export class ClusterMonitor {
  private admin: Admin | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private countTimer: NodeJS.Timeout | undefined;
  private probing: Promise<void> | undefined;
  private reachability: KafkaReachability = { reachable: false, since: Date.now() };
  private brokers: string[] = [];
  private deadLetters: Record<string, number> = {};
  /** Why the last check failed, in terms of the settings (a refused password, an untrusted CA). */
  private problem: string | undefined;
  private readonly listeners = new Set<(state: KafkaReachability) => void>();

  /** `kafka`: a client made for probing (no retries, timeouts no longer than the probe's). */
  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly connection: KafkaConnectionConfig,
    private readonly probe: ProbeSettings,
  ) {}

  async start(): Promise<void> {
    await this.check();
    this.probeTimer = setInterval(() => void this.check(), this.probe.intervalMs);
    this.probeTimer.unref();
    this.countTimer = setInterval(() => void this.countDeadLetters(), DEAD_LETTER_COUNT_MS);
    this.countTimer.unref();
    await this.countDeadLetters();
  }

  status(): { connected: boolean; unreachableSince: number | null; brokers: string[]; deadLetters: Record<string, number>; problem?: string } {
    return {
      connected: this.reachability.reachable,
      unreachableSince: this.reachability.since,
      brokers: [...this.brokers],
      deadLetters: { ...this.deadLetters },
      problem: this.problem,
    };
  }

  /** Called on every change between reachable and unreachable (the banner of every view follows it). */
  onChange(listener: (state: KafkaReachability) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reachabilityNow(): KafkaReachability {
    return { ...this.reachability };
  }

  async stop(): Promise<void> {
    clearInterval(this.probeTimer);
    clearInterval(this.countTimer);
    await this.admin?.disconnect().catch(() => undefined);
  }

  /** Runs one probe now; one at a time, so a hanging cluster never piles probes up. */
  check(): Promise<void> {
    this.probing ??= this.runProbe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async runProbe(): Promise<void> {
    try {
      const cluster = await withTimeout(this.describe(), this.probe.timeoutMs, `no answer within ${this.probe.timeoutMs} ms`);
      this.brokers = cluster.brokers.map((broker) => `${broker.host}:${broker.port}`);
      this.problem = undefined;
      this.setReachable(true);
    } catch (error) {
      const problem = explainKafkaError(error, this.connection);
      // Once per change, not every interval: a wrong password would otherwise fill the log.
      if (problem !== this.problem) this.logger.error(`${problem}; asking again every ${this.probe.intervalMs / 1000} s`);
      this.problem = problem;
      this.setReachable(false);
      // A fresh connection next time: a request stuck on a stopped broker's socket never ends by itself.
      const admin = this.admin;
      this.admin = undefined;
      await admin?.disconnect().catch(() => undefined);
    }
  }

  private async describe(): Promise<Awaited<ReturnType<Admin['describeCluster']>>> {
    // A fresh client connects to the listed brokers in turn from the first: one retry per other broker
    // (nothing else retries), so a dead first broker does not make a cluster that still answers look lost.
    this.admin ??= this.kafka.admin({ retry: { retries: Math.max(0, this.connection.brokers.length - 1), initialRetryTime: 50, maxRetryTime: 200 } });
    await this.admin.connect();
    return this.admin.describeCluster();
  }

  private setReachable(reachable: boolean): void {
    kafkaReachable.set(reachable ? 1 : 0);
    if (reachable === this.reachability.reachable) return;
    this.reachability = { reachable, since: reachable ? null : Date.now() };
    if (reachable) this.logger.info({ brokers: this.brokers }, 'Kafka connected');
    for (const listener of this.listeners) listener(this.reachabilityNow());
  }

  private async countDeadLetters(): Promise<void> {
    const admin = this.admin;
    if (!this.reachability.reachable || !admin) return;
    try {
      this.deadLetters = await withTimeout(countDeadLetters(admin), DEAD_LETTER_COUNT_MS, 'counting dead letters took too long');
      for (const [topic, count] of Object.entries(this.deadLetters)) deadLetterMessages.set({ topic }, count);
    } catch (error) {
      this.logger.debug({ err: (error as Error).message }, 'could not count dead letters; the probe says whether Kafka answers');
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
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
