import type { Kafka, Producer } from 'kafkajs';

import type { AlertingOverview, TestResult } from '@/lib/api/alerting';
import { TEAMS } from '@/lib/contracts/alerts';
import type { Vehicle } from '@/lib/contracts/fleet';
import { vehicleSchema } from '@/lib/contracts/fleet';
import type { NotificationAttempt } from '@/lib/contracts/notifications';
import { notificationAttemptSchema } from '@/lib/contracts/notifications';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import type { AlertStore } from '../alerts/alert-store';
import type { Config } from '../config';
import { startContractConsumer } from '../kafka/contract-consumer';
import type { RunningConsumer } from '../kafka/contract-consumer';
import type { DeadLetters } from '../kafka/dead-letters';
import { KafkaTable } from '../kafka/kafka-table';
import type { StreamStats } from '../kafka/stream-stats';

import type { AlertingConfig } from './config';
import { describeConfig } from './describe';
import { Notifier } from './notifier';
import { SenderOwnership } from './ownership';
import { alertLink, outgoingAlert } from './payload';

export interface NotifyServiceDeps {
  kafka: Kafka;
  config: Config;
  alerting: AlertingConfig;
  store: AlertStore;
  producer: () => Producer | undefined;
  /** This instance's own group prefix (`bff.<id>`): the trail and the registry are read whole by every instance. */
  groupPrefix: string;
  stats: StreamStats;
  logger: Logger;
}

/**
 * The notifier's Kafka side: the attempt trail read by every instance (log and audit trail), the
 * vehicle registry (drivers' phones), and the `notifier` group that picks each alert group's one
 * sender. Sending starts only once the inbox and the trail are loaded, so a restarted instance
 * knows what was already sent.
 */
export class NotifyService {
  private readonly notifier: Notifier;
  private readonly ownership: SenderOwnership;
  private readonly vehicles = new KafkaTable<Vehicle>();
  private trail: RunningConsumer | undefined;
  private readonly recent: NotificationAttempt[] = [];
  private offChange: (() => void) | undefined;

  constructor(private readonly deps: NotifyServiceDeps) {
    const { config } = deps;
    this.ownership = new SenderOwnership(deps.kafka, `${config.kafka.clientId}.notifier`, deps.logger);
    this.notifier = new Notifier({
      config: deps.alerting,
      settings: { ...config.notify, externalURL: config.auth.publicUrl },
      logger: deps.logger,
      owns: (groupKey) => this.ownership.owns(groupKey),
      publish: (records) => this.publish(records),
      context: { driverPhone: (vehicleId) => this.vehicles.get(vehicleId)?.driverPhone },
    });
  }

  /** Call once the alert store has loaded its backlog. */
  async start(deadLetters: DeadLetters): Promise<void> {
    const deps = { ...this.deps, deadLetters };
    deps.stats.track(TOPICS.alertNotifications);
    await this.vehicles.start({
      kafka: deps.kafka,
      topic: TOPICS.vehicles,
      schema: vehicleSchema,
      groupId: `${deps.groupPrefix}.vehicles`,
      deadLetters: deps.deadLetters,
      stats: deps.stats,
      logger: deps.logger,
    });
    this.trail = await startContractConsumer({
      kafka: deps.kafka,
      groupId: `${deps.groupPrefix}.notifications`,
      topic: TOPICS.alertNotifications,
      schema: notificationAttemptSchema,
      start: { from: 'earliest' },
      commitOffsets: false,
      deadLetters: deps.deadLetters,
      stats: deps.stats,
      logger: deps.logger,
      onBatch: (records) => {
        for (const { value } of records) this.onAttempt(value);
      },
    });
    await this.trail.caughtUp;
    for (const view of deps.store.list({}, TEAMS, Number.MAX_SAFE_INTEGER)) this.notifier.onAlert(view);
    this.offChange = deps.store.onChange((view) => this.notifier.onAlert(view));
    await this.ownership.start();
    this.notifier.start();
    deps.logger.info({ receivers: deps.alerting.receivers.size }, 'notifier started');
  }

  async stop(): Promise<void> {
    this.notifier.stop();
    this.offChange?.();
    await this.ownership.stop().catch(() => undefined);
    await this.trail?.stop().catch(() => undefined);
    await this.vehicles.stop().catch(() => undefined);
  }

  overview(): AlertingOverview {
    return describeConfig(this.deps.alerting, (name) => this.notifier.receiverIntegrations(name), this.recent);
  }

  /** "Send test" on the admin page: one synthetic alert straight to every integration of a receiver, answered inline. */
  async sendTest(receiver: string, by: string): Promise<TestResult[] | undefined> {
    const integrations = this.notifier.receiverIntegrations(receiver);
    if (!this.deps.alerting.receivers.has(receiver)) return undefined;
    const externalURL = this.deps.config.auth.publicUrl;
    const alertId = `test.${receiver.replace(/[^\w.-]/g, '-')}.${Date.now()}`;
    const labels = { alertname: 'fleetwatch_test', team: 'platform', severity: 'info', kind: 'test' };
    const alert = outgoingAlert({
      alertId,
      status: 'firing',
      labels,
      startedAt: Date.now(),
      link: alertLink(externalURL, alertId),
      annotations: { summary: `Test notification from fleetwatch, sent by ${by}` },
    });
    const notification = {
      notificationId: alertId,
      groupKey: `test:{receiver=${JSON.stringify(receiver)}}`,
      receiver,
      groupLabels: { alertname: 'fleetwatch_test' },
      alerts: [alert],
      externalURL,
    };
    return Promise.all(
      integrations.map(async (integration) => {
        try {
          await integration.send(notification, { driverPhone: () => undefined });
          return { integration: integration.id, target: integration.target, ok: true };
        } catch (error) {
          return { integration: integration.id, target: integration.target, ok: false, error: (error as Error).message };
        }
      }),
    );
  }

  private onAttempt(attempt: NotificationAttempt): void {
    this.notifier.onAttempt(attempt);
    this.deps.store.applyNotification(attempt);
    this.recent.push(attempt);
    if (this.recent.length > 200) this.recent.splice(0, this.recent.length - 200);
  }

  private async publish(records: NotificationAttempt[]): Promise<void> {
    const producer = this.deps.producer();
    if (!producer) throw new Error('no Kafka producer yet');
    await producer.send({ topic: TOPICS.alertNotifications, messages: records.map((record) => ({ key: record.alertId, value: JSON.stringify(record) })) });
  }
}
