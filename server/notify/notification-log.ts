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
  /** Every alert ever sent as firing / as resolved, per group and integration: who still owes a resolved notice. */
  private readonly told = new Map<string, { firing: Set<string>; resolved: Set<string> }>();

  record(attempt: NotificationAttempt): void {
    if (attempt.outcome !== 'sent') return;
    const key = logKey(attempt.groupKey, attempt.integration);
    const told = this.told.get(key) ?? { firing: new Set<string>(), resolved: new Set<string>() };
    this.told.set(key, told);
    (attempt.status === 'firing' ? told.firing : told.resolved).add(attempt.alertId);
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

  /** Whether the integration was told the alert fired and not yet that it resolved. */
  owesResolved(groupKey: string, integration: string, alertId: string): boolean {
    const told = this.told.get(logKey(groupKey, integration));
    return !!told && told.firing.has(alertId) && !told.resolved.has(alertId);
  }

  /** A resolved alert the integration does not want to hear about: settled without a send. */
  settleResolved(groupKey: string, integration: string, alertId: string): void {
    this.told.get(logKey(groupKey, integration))?.resolved.add(alertId);
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
 * Whether a group's integration must be told now, as Alertmanager decides: a new firing alert, a
 * resolved one it was told of (with send_resolved), or repeat_interval since the last while
 * something still fires. `firing` holds only unmuted alerts: muted ones (acknowledged, snoozed,
 * silenced, inhibited) neither trigger nor repeat, and do not count as resolved either.
 */
export function needsUpdate(
  entry: LogEntry | undefined,
  firing: ReadonlySet<string>,
  owedResolved: ReadonlySet<string>,
  sendResolved: boolean,
  repeatIntervalMs: number,
  now: number,
): boolean {
  if (sendResolved && owedResolved.size > 0) return true;
  if (firing.size === 0) return false;
  if (!entry || !isSubset(firing, entry.firing)) return true;
  return entry.at <= now - repeatIntervalMs;
}
