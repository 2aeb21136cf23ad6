import { describe, expect, it } from 'vitest';

import type { AlertView } from '../api/alerts';

import { upsertAlerts } from './alerts-cache';
import { groupAlerts } from './grouping';

const T = Date.UTC(2026, 2, 2, 12, 0);

function view(alertId: string, vehicleId: string, startedAt: number, revision = 1): AlertView {
  return {
    alert: {
      alertId,
      kind: 'anomaly',
      team: 'fleet',
      vehicleId,
      metric: 'engineTempC',
      value: 120,
      normal: { min: 80, max: 100 },
      startedAt,
      detectedAt: startedAt + 10_000,
      severity: 'critical',
      state: 'firing',
    },
    status: 'open',
    subject: vehicleId,
    assignee: null,
    snoozedUntil: null,
    silencedBy: null,
    acknowledged: null,
    resolved: null,
    firstDetectedAt: startedAt + 10_000,
    audit: [],
    auditTotal: 0,
    revision,
  };
}

describe('groupAlerts', () => {
  it('groups repeated episodes of one vehicle and metric with a count, and marks fast repeats as flapping', () => {
    const views = [view('a3', 'cab-1', T + 240_000), view('b1', 'cab-2', T + 200_000), view('a2', 'cab-1', T + 120_000), view('a1', 'cab-1', T)];
    const groups = groupAlerts(views);
    expect(groups.map((group) => [group.latest.alert.alertId, group.episodes.length, group.flapping])).toEqual([
      ['a3', 3, true],
      ['b1', 1, false],
    ]);
  });

  it('does not call episodes hours apart flapping', () => {
    const groups = groupAlerts([view('a3', 'cab-1', T + 7_200_000), view('a2', 'cab-1', T + 3_600_000), view('a1', 'cab-1', T)]);
    expect(groups[0]?.flapping).toBe(false);
  });
});

describe('upsertAlerts', () => {
  const base = {
    alerts: [view('a1', 'cab-1', T)],
    silences: [],
    teams: [{ team: 'fleet' as const, open: 1, unacknowledged: 1, timeToAcknowledgeS: null, timeToResolveS: null, acknowledgedCount: 0, resolvedCount: 0 }],
    serverTime: T,
  };

  it('adds new alerts newest first and replaces a known one with its newer revision', () => {
    const acked = { ...view('a1', 'cab-1', T, 2), status: 'acknowledged' as const };
    const next = upsertAlerts(base, [view('a2', 'cab-2', T + 1_000), acked]);
    expect(next?.alerts.map((item) => [item.alert.alertId, item.status])).toEqual([
      ['a2', 'open'],
      ['a1', 'acknowledged'],
    ]);
    expect(next?.teams[0]).toMatchObject({ open: 2, unacknowledged: 1 });
  });

  it('keeps a newer cached copy over an older event and returns the same object when nothing changed', () => {
    const newer = upsertAlerts(base, [view('a1', 'cab-1', T, 5)]);
    expect(upsertAlerts(newer, [view('a1', 'cab-1', T, 4)])).toBe(newer);
  });

  it("appends only the trail entries a push added to the cached page, and takes the push's state", () => {
    const cached = {
      ...base,
      alerts: [
        {
          ...view('a1', 'cab-1', T, 1),
          audit: [{ type: 'alert' as const, at: T + 10_000, state: 'firing' as const, severity: 'critical' as const, value: 120 }],
          auditTotal: 1,
        },
      ],
    };
    const { audit: _trail, ...summary } = view('a1', 'cab-1', T, 2);
    const note = { type: 'action' as const, applied: true, actionId: 'n1', alertId: 'a1', action: 'note' as const, by: 'ann', at: T + 20_000, note: 'on it' };
    const next = upsertAlerts(cached, [{ ...summary, status: 'acknowledged', auditTotal: 2, added: [note] }]);
    expect(next?.alerts[0]).toMatchObject({ status: 'acknowledged', auditTotal: 2, revision: 2 });
    expect(next?.alerts[0]?.audit.map((entry) => entry.type)).toEqual(['alert', 'action']);
    // The same push read twice adds nothing twice.
    expect(upsertAlerts(next, [{ ...summary, status: 'acknowledged', auditTotal: 2, added: [note] }])?.alerts[0]?.audit).toHaveLength(2);
  });
});
