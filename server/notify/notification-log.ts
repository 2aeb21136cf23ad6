import type { NotificationAttempt } from '@/lib/contracts/notifications';

/** What one integration of one alert group was last told: Alertmanager's notification log entry. */
export interface LogEntry {
  notificationId: string;
  firing: Set<string>;
  resolved: Set<string>;
  at: number;
}

/**
 * Built from the `sent` records of `alerts.notifications` (every instance reads them all), so
 * whichever instance sends for a group next knows what the receiver already has. The sender also
 * records its own deliveries at once, before they come back from Kafka.
 */
export class NotificationLog {
  private readonly entries = new Map<string, LogEntry>();

  record(attempt: NotificationAttempt): void {
    if (attempt.outcome !== 'sent') return;
    const key = logKey(attempt.groupKey, attempt.integration);
    let entry = this.entries.get(key);
    if (!entry || (entry.notificationId !== attempt.notificationId && attempt.at >= entry.at)) {
      entry = { notificationId: attempt.notificationId, firing: new Set(), resolved: new Set(), at: attempt.at };
      this.entries.set(key, entry);
    }
    if (entry.notificationId !== attempt.notificationId) return;
    (attempt.status === 'firing' ? entry.firing : entry.resolved).add(attempt.alertId);
  }

  get(groupKey: string, integration: string): LogEntry | undefined {
    return this.entries.get(logKey(groupKey, integration));
  }
}

function logKey(groupKey: string, integration: string): string {
  return `${groupKey}\u0000${integration}`;
}

function isSubset(subset: ReadonlySet<string>, of: ReadonlySet<string>): boolean {
  for (const id of subset) if (!of.has(id)) return false;
  return true;
}

/**
 * Whether a group's integration must be told now, as Alertmanager decides: a new firing alert,
 * every alert gone, a newly resolved one (with send_resolved), or repeat_interval since the last.
 */
export function needsUpdate(entry: LogEntry | undefined, firing: ReadonlySet<string>, resolved: ReadonlySet<string>, sendResolved: boolean, repeatIntervalMs: number, now: number): boolean {
  if (!entry) return firing.size > 0;
  if (!isSubset(firing, entry.firing)) return true;
  if (firing.size === 0) return entry.firing.size > 0;
  if (sendResolved && !isSubset(resolved, entry.resolved)) return true;
  return entry.at <= now - repeatIntervalMs;
}
