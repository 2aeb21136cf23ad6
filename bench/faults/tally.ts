import type { KafkaMessage } from 'kafkajs';

import type { AlertPush } from '../../lib/api/alerts';
import type { Alert } from '../../lib/contracts/alerts';

/**
 * The fault harness's bookkeeping, kept pure so it is unit-tested: which alert ids the alert topics
 * hold, what each client and each inbox got, and from those the lost and duplicated counts.
 */

/** One alert id as the alert topics hold it: its first record (when it was first written, what about). */
export interface TopicAlert {
  alertId: string;
  /** The Kafka timestamp of its first record (epoch ms). */
  firstWrittenAt: number;
  kind: Alert['kind'];
  /** The vehicle, zone or group it is about. */
  subject: string;
  /** What was measured (engineTempC, offline…): one vehicle may have several faults at once. */
  metric: string;
  startedAt: number;
}

/** Every alert id on the topics, by its first record; records that are not alerts are skipped (the harness does not judge them). */
export function alertsOnTopics(messages: readonly KafkaMessage[]): Map<string, TopicAlert> {
  const alerts = new Map<string, TopicAlert>();
  for (const message of messages) {
    let alert: Partial<Alert> & { vehicleId?: string; zoneId?: string; groupId?: string };
    try {
      alert = JSON.parse(message.value?.toString() ?? '') as typeof alert;
    } catch {
      continue;
    }
    if (typeof alert.alertId !== 'string' || alert.kind === undefined) continue;
    const writtenAt = Number(message.timestamp);
    const known = alerts.get(alert.alertId);
    if (known && known.firstWrittenAt <= writtenAt) continue;
    const subject = alert.vehicleId ?? alert.zoneId ?? alert.groupId ?? '';
    alerts.set(alert.alertId, {
      alertId: alert.alertId,
      firstWrittenAt: writtenAt,
      kind: alert.kind,
      subject,
      metric: alert.metric ?? '',
      startedAt: alert.startedAt ?? 0,
    });
  }
  return alerts;
}

/** What one Socket.IO client got on the `alerts` channel. */
export class ClientAlerts {
  /** When its first subscription was acknowledged: alerts first written from then on are due to it. */
  subscribedAt: number | undefined;
  /** Alert id → when its first push arrived. */
  readonly pushed = new Map<string, number>();
  /** Ids listed by `GET /api/alerts` after a reconnect (the snapshot the page takes when it comes back). */
  readonly snapshot = new Set<string>();
  /** Detector reports (alert id, time, state) received, with how often: more than once is a duplicate. */
  private readonly reports = new Map<string, number>();

  onPush(push: Pick<AlertPush, 'alert' | 'added'>, at: number): void {
    if (!this.pushed.has(push.alert.alertId)) this.pushed.set(push.alert.alertId, at);
    for (const entry of push.added) {
      if (entry.type !== 'alert') continue;
      const key = `${push.alert.alertId}|${entry.at}|${entry.state}`;
      this.reports.set(key, (this.reports.get(key) ?? 0) + 1);
    }
  }

  has(alertId: string): boolean {
    return this.pushed.has(alertId) || this.snapshot.has(alertId);
  }

  /** Detector reports this client was told about more than once (an alert arriving "as new" twice). */
  duplicates(): number {
    return [...this.reports.values()].reduce((sum, count) => sum + count - 1, 0);
  }

  /** Ids first written after it subscribed that it neither got pushed nor found in a snapshot. */
  missed(alerts: Iterable<TopicAlert>): string[] {
    const since = this.subscribedAt;
    if (since === undefined) return [];
    return [...alerts].filter((alert) => alert.firstWrittenAt >= since && !this.has(alert.alertId)).map((alert) => alert.alertId);
  }
}

/** Ids on the topics that an inbox listing lacks. */
export function missingFromInbox(onTopics: Iterable<string>, inbox: readonly string[]): string[] {
  const listed = new Set(inbox);
  return [...onTopics].filter((id) => !listed.has(id));
}

/** Ids an inbox listing holds more than once (each extra listing counts). */
export function listedTwice(inbox: readonly string[]): string[] {
  const seen = new Set<string>();
  return inbox.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

/** A scenario the harness started: what kind of alert it must give, about what, from when. */
export interface ScenarioEpisode {
  kind: TopicAlert['kind'];
  subject: string;
  /** Only alerts of this metric (an overheat is engineTempC; the same vehicle may also go "offline" while Kafka is down). */
  metric?: string;
  /** When the command was sent: the episode's alert is first written after it. */
  since: number;
}

/**
 * The alert ids one scenario episode fired under: exactly one is right, two or more are duplicates,
 * none is a miss. The harness never reuses a subject, so every later alert about it is this episode's.
 */
export function episodeAlertIds(alerts: Iterable<TopicAlert>, episode: ScenarioEpisode): string[] {
  return [...alerts]
    .filter((a) => a.kind === episode.kind && a.subject === episode.subject && (episode.metric ?? a.metric) === a.metric && a.firstWrittenAt >= episode.since)
    .map((a) => a.alertId);
}
