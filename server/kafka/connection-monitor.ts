import type { Logger } from '../logger';
import type { Admin, Kafka } from 'kafkajs';


/**
 * Knows whether the cluster answers, by asking it on an interval. Consumers reconnect by
 * themselves; this is what health reports and what the logs say when the broker goes away.
 */
export class ConnectionMonitor {
  private admin: Admin | undefined;
  private timer: NodeJS.Timeout | undefined;
  private connected = false;
  private brokers: string[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
  ) {}

  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  status(): { connected: boolean; brokers: string[] } {
    return { connected: this.connected, brokers: [...this.brokers] };
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.admin?.disconnect().catch(() => undefined);
  }

  private async check(): Promise<void> {
    try {
      this.admin ??= this.kafka.admin({ retry: { retries: 0 } });
      await this.admin.connect();
      const cluster = await this.admin.describeCluster();
      this.brokers = cluster.brokers.map((broker) => `${broker.host}:${broker.port}`);
      if (!this.connected) this.logger.info({ brokers: this.brokers }, 'Kafka connected');
      this.connected = true;
    } catch (error) {
      if (this.connected) this.logger.warn({ err: (error as Error).message }, 'Kafka unreachable; retrying');
      this.connected = false;
      await this.admin?.disconnect().catch(() => undefined);
      this.admin = undefined;
    }
  }
}
