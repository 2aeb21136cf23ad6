import { describe, expect, it } from 'vitest';

import { alertSchema } from '@/lib/contracts/alerts';
import type { PartitionLag } from '@/lib/lag/api';

import type { GroupVerdict } from './lag-alerts';
import { LagAlerts, alertIdFor } from './lag-alerts';

function partition(committed: number, status: PartitionLag['status'], lag = 10): PartitionLag {
  return {
    topic: 't',
    partition: 0,
    committed,
    end: committed + lag,
    earliest: 0,
    lag,
    lagSeconds: 5,
    lagMethod: 'timestamp',
    status,
    statusReason: 'a test partition',
    owner: 'c',
    consumeRate: 0,
    produceRate: 1,
    lastCommitAt: 1,
  };
}

function verdict(status: PartitionLag['status'], maxLagSeconds = 5, committed = 100, groupId = 'g'): GroupVerdict {
  return { groupId, status, maxLagSeconds, partitions: [partition(committed, status)] };
}

describe('consumer-lag alerts', () => {
  it('fires when a group becomes stalled, escalates to stopped under the same id, and clears once ok', () => {
    const alerts = new LagAlerts(300);
    expect(alerts.update([verdict('ok')], 1_000)).toEqual([]);
    const [firing] = alerts.update([verdict('stalled')], 2_000);
    expect(alertSchema.safeParse(firing).success).toBe(true);
    expect(firing).toMatchObject({
      kind: 'consumer-lag',
      team: 'platform',
      groupId: 'g',
      state: 'firing',
      metric: 'status:stalled',
      severity: 'warning',
      startedAt: 2_000,
    });
    // Still stalled: nothing new to say.
    expect(alerts.update([verdict('stalled')], 3_000)).toEqual([]);
    const [stopped] = alerts.update([verdict('stopped')], 4_000);
    expect(stopped).toMatchObject({ alertId: firing?.alertId, metric: 'status:stopped', severity: 'critical', startedAt: 2_000 });
    // Lagging is not healthy yet: the episode stays open.
    expect(alerts.update([verdict('lagging')], 5_000)).toEqual([]);
    const [cleared] = alerts.update([verdict('ok', 0)], 6_000);
    expect(cleared).toMatchObject({ alertId: firing?.alertId, state: 'cleared', detectedAt: 6_000 });
    expect(alerts.update([verdict('ok', 0)], 7_000)).toEqual([]);
  });

  it('fires for lag in seconds over the threshold, and for data loss and unassigned partitions', () => {
    const alerts = new LagAlerts(60);
    expect(alerts.update([verdict('ok', 61), verdict('data-loss', 0, 5, 'h'), verdict('unassigned', 0, 5, 'u')], 1)).toMatchObject([
      { groupId: 'g', metric: 'lag-seconds', value: 61, state: 'firing' },
      { groupId: 'h', metric: 'status:data-loss', severity: 'critical' },
      { groupId: 'u', metric: 'status:unassigned', severity: 'warning' },
    ]);
  });

  it('clears the alert of a group that disappeared', () => {
    const alerts = new LagAlerts(300);
    alerts.update([verdict('stopped')], 1);
    expect(alerts.update([], 2)).toMatchObject([{ groupId: 'g', state: 'cleared' }]);
  });

  it('derives the id from the group and the committed offsets of the troubled partitions, within the id rules', () => {
    const id = alertIdFor(verdict('stalled', 5, 100, 'my group/with*odd chars'));
    expect(id).toMatch(/^consumer-lag\.my_group_with_odd_chars\.[0-9a-f]{12}$/);
    expect(alertIdFor(verdict('stalled', 9, 100, 'my group/with*odd chars'))).toBe(id);
    expect(alertIdFor(verdict('stalled', 5, 101, 'my group/with*odd chars'))).not.toBe(id);
  });
});
