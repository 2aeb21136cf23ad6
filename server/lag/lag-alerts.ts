import { createHash } from 'node:crypto';

import type { Alert } from '@/lib/contracts/alerts';
import type { LagStatus, PartitionLag } from '@/lib/lag/api';
import { ALERTING_STATUSES, isHealthy } from '@/lib/lag/status';

type LagAlert = Extract<Alert, { kind: 'consumer-lag' }>;

export interface GroupVerdict {
  groupId: string;
  status: LagStatus;
  maxLagSeconds: number | null;
  partitions: readonly PartitionLag[];
}

interface Episode {
  alert: LagAlert;
}

/**
 * Turns each poll's group verdicts into `consumer-lag` alerts for team platform: `firing` when a
 * group becomes stalled, stopped, data loss or unassigned, or its lag in seconds passes the
 * threshold (again whenever the reason or severity changes), `cleared` once it is healthy again
 * or gone. The id is derived from the group and the committed offsets that started the episode,
 * so every BFF instance watching a stuck group names its alert alike.
 */
export class LagAlerts {
  private readonly open = new Map<string, Episode>();

  constructor(private readonly alertSeconds: number) {}

  /** The alerts to publish for this poll; `present` lists every group still in the cluster. */
  update(verdicts: readonly GroupVerdict[], now: number): LagAlert[] {
    const out: LagAlert[] = [];
    const seen = new Set<string>();
    for (const verdict of verdicts) {
      seen.add(verdict.groupId);
      const alert = this.updateGroup(verdict, now);
      if (alert) out.push(alert);
    }
    for (const [groupId, episode] of this.open) {
      if (seen.has(groupId)) continue;
      this.open.delete(groupId);
      out.push({ ...episode.alert, state: 'cleared', detectedAt: now });
    }
    return out;
  }

  firing(groupId: string): LagAlert | undefined {
    return this.open.get(groupId)?.alert;
  }

  private updateGroup(verdict: GroupVerdict, now: number): LagAlert | undefined {
    const episode = this.open.get(verdict.groupId);
    const reason = alertReason(verdict, this.alertSeconds);
    if (!reason) {
      if (!episode || !isHealthy(verdict.status) || (verdict.maxLagSeconds ?? 0) > this.alertSeconds) return undefined;
      this.open.delete(verdict.groupId);
      return { ...episode.alert, state: 'cleared', detectedAt: now, value: verdict.maxLagSeconds ?? 0 };
    }
    const next: LagAlert = {
      alertId: episode?.alert.alertId ?? alertIdFor(verdict),
      kind: 'consumer-lag',
      team: 'platform',
      groupId: verdict.groupId,
      metric: reason.metric,
      value: reason.value,
      normal: { min: 0, max: this.alertSeconds },
      startedAt: episode?.alert.startedAt ?? now,
      detectedAt: now,
      severity: reason.severity,
      state: 'firing',
    };
    this.open.set(verdict.groupId, { alert: next });
    const changed = !episode || episode.alert.metric !== next.metric || episode.alert.severity !== next.severity;
    return changed ? next : undefined;
  }
}

function alertReason(verdict: GroupVerdict, alertSeconds: number): { metric: string; value: number; severity: LagAlert['severity'] } | undefined {
  const seconds = verdict.maxLagSeconds ?? 0;
  if (ALERTING_STATUSES.has(verdict.status)) {
    const severity = verdict.status === 'stopped' || verdict.status === 'data-loss' ? 'critical' : 'warning';
    return { metric: `status:${verdict.status}`, value: seconds, severity };
  }
  if (seconds > alertSeconds) return { metric: 'lag-seconds', value: seconds, severity: 'warning' };
  return undefined;
}

/** `consumer-lag.<group>.<hash of the committed offsets of its partitions in trouble>`, within the id rules. */
export function alertIdFor(verdict: Pick<GroupVerdict, 'groupId' | 'partitions'>): string {
  const troubled = verdict.partitions.filter((p) => !isHealthy(p.status) || (p.lag ?? 0) > 0);
  const fingerprint = troubled
    .map((p) => `${p.topic}:${p.partition}:${p.committed ?? 'none'}`)
    .sort()
    .join(',');
  const hash = createHash('sha256').update(`${verdict.groupId}\u0000${fingerprint}`).digest('hex').slice(0, 12);
  const safeGroup = verdict.groupId.replace(/[^\w.:@-]/g, '_').slice(0, 90);
  return `consumer-lag.${safeGroup}.${hash}`;
}
