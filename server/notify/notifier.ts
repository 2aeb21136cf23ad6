import { randomUUID } from 'node:crypto';

import type { AlertView } from '@/lib/api/alerts';
import type { NotificationAttempt } from '@/lib/contracts/notifications';
import type { Logger } from '@/platform/logger';

import { notificationsTotal } from '../metrics';

import type { AlertingConfig } from './config';
import type { AlertGroup, Member } from './groups';
import { GroupIndex } from './groups';
import { alertAnnotations } from './labels';
import type { LogEntry } from './notification-log';
import { NotificationLog, needsUpdate } from './notification-log';
import type { Notification, OutgoingAlert } from './payload';
import { alertLink, outgoingAlert } from './payload';
import { buildIntegrations } from './receivers/build';
import type { Integration, SendContext } from './receivers/integration';
import { PermanentError } from './receivers/integration';

export interface NotifierSettings {
  maxAttempts: number;
  backoffMaxMs: number;
  timeoutMs: number;
  /** The inbox's address, for the link in every notification. */
  externalURL: string;
}

export interface NotifierDeps {
  config: AlertingConfig;
  settings: NotifierSettings;
  logger: Logger;
  /** Whether this instance is the one sender of a group now (Kafka's partition assignment). */
  owns(groupKey: string): boolean;
  /** Writes attempt records to `alerts.notifications`. */
  publish(records: NotificationAttempt[]): Promise<void>;
  context: SendContext;
  clock?: () => number;
}

/**
 * At most this many notifications go to one integration (one mail server, one URL) at a time. An
 * alert storm (a depot's thousands of vehicles going offline at once) would otherwise open a
 * connection per group at once and run the BFF out of file descriptors: no page, no socket, no
 * notification. The rest wait their turn, tick by tick: the most severe groups first, then in the
 * order they came due (`GroupIndex.due`).
 */
export const MAX_SENDS_PER_INTEGRATION = 16;

interface Delivery {
  group: AlertGroup;
  receiver: string;
  integration: Integration;
  notification: Notification;
  statuses: Map<string, 'firing' | 'resolved'>;
}

/**
 * Alertmanager's pipeline over the inbox: every alert change is placed in its route's groups;
 * due groups owned by this instance are checked against the notification log and, where the
 * receiver must hear something, sent with retries. Each integration sends on its own, so one
 * that is down never holds up the others. Every attempt becomes records on
 * `alerts.notifications`: the trail, the metric and the log the next sender reads.
 */
export class Notifier {
  readonly log = new NotificationLog();
  private readonly groups: GroupIndex;
  private readonly integrations = new Map<string, Integration[]>();
  private readonly inFlight = new Set<string>();
  private readonly sending = new Map<Integration, number>();
  private readonly clock: () => number;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly deps: NotifierDeps) {
    this.clock = deps.clock ?? Date.now;
    this.groups = new GroupIndex(deps.config);
    for (const [name, receiver] of deps.config.receivers) this.integrations.set(name, buildIntegrations(receiver, deps.settings.timeoutMs));
  }

  /** Every alert change, from the alert store (the whole store once at start). */
  onAlert(view: AlertView): void {
    this.groups.update(view, this.clock());
  }

  /** An attempt read back from `alerts.notifications` (any instance's). */
  onAttempt(attempt: NotificationAttempt): void {
    this.log.record(attempt);
  }

  start(tickMs = 200): void {
    this.timer = setInterval(() => this.tick(), tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  receiverIntegrations(name: string): Integration[] {
    return this.integrations.get(name) ?? [];
  }

  /** Flushes the due groups this instance owns. */
  tick(): void {
    const now = this.clock();
    for (const group of this.groups.due(now)) {
      if (!this.deps.owns(group.key)) {
        // Another instance sends for it; keep the timing so a takeover flushes at once.
        continue;
      }
      this.flush(group, now);
    }
  }

  private flush(group: AlertGroup, now: number): void {
    const receiver = group.route.receiver;
    let busy = false;
    let waiting = false;
    for (const integration of this.integrations.get(receiver) ?? []) {
      const flightKey = `${group.key}\u0000${integration.id}`;
      if (this.inFlight.has(flightKey)) {
        busy = true;
        continue;
      }
      const sending = this.sending.get(integration) ?? 0;
      if (sending >= MAX_SENDS_PER_INTEGRATION) {
        waiting = true;
        continue;
      }
      const delivery = this.plan(group, integration, this.log.get(group.key, integration.id), now);
      if (!delivery) continue;
      this.inFlight.add(flightKey);
      this.sending.set(integration, sending + 1);
      busy = true;
      void this.deliver(delivery).finally(() => {
        this.inFlight.delete(flightKey);
        this.sending.set(integration, (this.sending.get(integration) ?? 1) - 1);
      });
    }
    // An integration at its limit has not been asked yet: the group stays due for the next tick.
    if (waiting) return;
    // Resolved members stay until every integration has had its say about them.
    if (!busy) this.groups.flushed(group, now);
    else group.nextFlushAt = now + group.route.groupIntervalMs;
  }

  private plan(group: AlertGroup, integration: Integration, entry: LogEntry | undefined, now: number): Delivery | undefined {
    const firing: Member[] = [];
    const resolved: Member[] = [];
    for (const member of group.members.values()) {
      const state = this.groups.stateOf(member);
      if (state === 'firing') firing.push(member);
      else if (state === 'resolved') resolved.push(member);
    }
    const firingIds = new Set(firing.map((member) => member.view.alert.alertId));
    // Resolved alerts this integration heard fire and has not yet heard end.
    const owed = resolved.filter((member) => this.log.owesResolved(group.key, integration.id, member.view.alert.alertId));
    if (!integration.sendResolved) for (const member of owed) this.log.settleResolved(group.key, integration.id, member.view.alert.alertId);
    const owedIds = new Set(owed.map((member) => member.view.alert.alertId));
    if (!needsUpdate(entry, firingIds, owedIds, integration.sendResolved, group.route.repeatIntervalMs, now)) return undefined;
    const members = [...firing, ...(integration.sendResolved ? owed : [])];
    const notificationId = randomUUID();
    const statuses = new Map(
      members.map((member) => [member.view.alert.alertId, firingIds.has(member.view.alert.alertId) ? ('firing' as const) : ('resolved' as const)]),
    );
    const notification: Notification = {
      notificationId,
      groupKey: group.key,
      receiver: group.route.receiver,
      groupLabels: group.labels,
      alerts: members.map((member) => this.outgoing(member, statuses.get(member.view.alert.alertId) ?? 'firing')),
      externalURL: this.deps.settings.externalURL,
    };
    return { group, receiver: group.route.receiver, integration, notification, statuses };
  }

  private outgoing(member: Member, status: 'firing' | 'resolved'): OutgoingAlert {
    const { alert } = member.view;
    const link = alertLink(this.deps.settings.externalURL, alert.alertId);
    const endedAt = status === 'resolved' ? (member.view.resolved?.at ?? alert.detectedAt) : undefined;
    return outgoingAlert({
      alertId: alert.alertId,
      status,
      labels: member.labels,
      startedAt: alert.startedAt,
      endedAt,
      link,
      annotations: alertAnnotations(alert, link),
    });
  }

  /** Sends with capped exponential backoff; every attempt is recorded. */
  private async deliver(delivery: Delivery): Promise<void> {
    const { settings } = this.deps;
    for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
      let error: string | undefined;
      let permanent = false;
      try {
        await delivery.integration.send(delivery.notification, this.deps.context);
      } catch (caught) {
        error = (caught as Error).message || 'failed';
        permanent = caught instanceof PermanentError;
      }
      const last = attempt === settings.maxAttempts || permanent;
      const outcome = error === undefined ? 'sent' : last ? 'failed' : 'retrying';
      await this.record(delivery, attempt, outcome, error);
      if (outcome !== 'retrying') return;
      await new Promise((resolve) => setTimeout(resolve, Math.min(settings.backoffMaxMs, 500 * 2 ** (attempt - 1))));
    }
  }

  private async record(delivery: Delivery, attempt: number, outcome: NotificationAttempt['outcome'], error: string | undefined): Promise<void> {
    const { integration, notification } = delivery;
    const at = this.clock();
    const records = [...delivery.statuses].map(([alertId, status]): NotificationAttempt => ({
      alertId,
      notificationId: notification.notificationId,
      groupKey: notification.groupKey,
      receiver: delivery.receiver,
      integration: integration.id,
      target: integration.target,
      status,
      attempt,
      outcome,
      error,
      at,
    }));
    // The sender's own log first, so its next tick never sends the same news again.
    for (const record of records) this.log.record(record);
    notificationsTotal.inc({ receiver: delivery.receiver, integration: integration.kind, outcome });
    this.deps.logger[outcome === 'sent' ? 'info' : 'warn'](
      {
        receiver: delivery.receiver,
        integration: integration.id,
        target: integration.target,
        group: notification.groupKey,
        alerts: records.length,
        attempt,
        outcome,
        err: error,
      },
      `notification ${outcome}`,
    );
    try {
      await this.deps.publish(records);
    } catch (publishError) {
      this.deps.logger.error({ err: (publishError as Error).message, group: notification.groupKey }, 'could not record a notification attempt on Kafka');
    }
  }
}
