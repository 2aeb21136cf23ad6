import type { Alert } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/common';

import type { ZoneRef } from './windows';

export interface CapacityAlertOptions {
  /** A zone at or above this share of its capacity (percent) raises an alert. */
  thresholdPct: number;
  /** It clears only below `thresholdPct - hysteresisPct`, so a count hovering at the line does not flap. */
  hysteresisPct: number;
}

type CapacityAlert = Extract<Alert, { kind: 'capacity' }>;

interface Episode {
  alertId: string;
  startedAt: number;
  severity: Severity;
}

export function capacityAlertId(zoneId: string, startedAt: number): string {
  return `capacity.${zoneId}.${startedAt}`;
}

/**
 * One alert episode per zone at a time: `firing` when the live count reaches the threshold,
 * `firing` again if it goes past full capacity (severity up), `cleared` once it drops below the
 * threshold minus the hysteresis. The id is the zone plus the episode's start, so the firing and
 * the clearing of one episode share it.
 */
export class CapacityAlerts {
  private readonly open = new Map<string, Episode>();

  constructor(private readonly options: CapacityAlertOptions) {}

  /** Episodes still firing when the processor last stopped: they continue, and clear under the same id. */
  restore(alerts: Iterable<Alert>): void {
    for (const alert of alerts) {
      if (alert.kind !== 'capacity') continue;
      if (alert.state === 'firing') this.open.set(alert.zoneId, { alertId: alert.alertId, startedAt: alert.startedAt, severity: alert.severity });
      else if (this.open.get(alert.zoneId)?.alertId === alert.alertId) this.open.delete(alert.zoneId);
    }
  }

  /** `evaluatedAt` is event time on a fixed grid (the same input gives the same ids); `now` stamps detection. */
  evaluate(zone: ZoneRef, count: number, evaluatedAt: number, now: number): CapacityAlert | undefined {
    const pct = (count / zone.capacity) * 100;
    const episode = this.open.get(zone.zoneId);
    if (!episode) {
      if (pct < this.options.thresholdPct) return undefined;
      const started: Episode = { alertId: capacityAlertId(zone.zoneId, evaluatedAt), startedAt: evaluatedAt, severity: severityOf(pct) };
      this.open.set(zone.zoneId, started);
      return this.alert(zone, count, started, 'firing', now);
    }
    if (pct < this.options.thresholdPct - this.options.hysteresisPct) {
      this.open.delete(zone.zoneId);
      return this.alert(zone, count, episode, 'cleared', now);
    }
    if (severityOf(pct) === 'critical' && episode.severity !== 'critical') {
      episode.severity = 'critical';
      return this.alert(zone, count, episode, 'firing', now);
    }
    return undefined;
  }

  isFiring(zoneId: string): boolean {
    return this.open.has(zoneId);
  }

  private alert(zone: ZoneRef, count: number, episode: Episode, state: CapacityAlert['state'], now: number): CapacityAlert {
    return {
      alertId: episode.alertId,
      kind: 'capacity',
      team: 'security',
      zoneId: zone.zoneId,
      metric: 'occupancy',
      value: count,
      normal: { min: 0, max: Math.floor((zone.capacity * this.options.thresholdPct) / 100) },
      startedAt: episode.startedAt,
      detectedAt: now,
      severity: episode.severity,
      state,
    };
  }
}

/** Over capacity is critical: that is a safety problem, not only a busy room. */
function severityOf(pct: number): Severity {
  return pct >= 100 ? 'critical' : 'warning';
}
