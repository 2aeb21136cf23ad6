import { describe, expect, it } from 'vitest';

import type { AlertView } from './alerts';
import { actionRequestSchema, alertsQuerySchema, matchesFilter } from './alerts';

const T = Date.UTC(2026, 2, 2, 12, 0);

const view: AlertView = {
  alert: {
    alertId: 'a-1',
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: 'tanker-7',
    fleet: 'tankers',
    plate: 'BX-12-ZZ',
    metric: 'containerTempC',
    value: 31,
    normal: { min: 15, max: 21 },
    startedAt: T,
    detectedAt: T + 10_000,
    severity: 'warning',
    state: 'firing',
  },
  status: 'acknowledged',
  subject: 'tanker-7',
  assignee: 'joe',
  snoozedUntil: null,
  silencedBy: null,
  acknowledged: { by: 'ann', at: T + 20_000 },
  resolved: null,
  firstDetectedAt: T + 10_000,
  audit: [{ type: 'action', applied: true, actionId: 'x', alertId: 'a-1', action: 'note', by: 'ann', at: T + 30_000, note: 'driver reports broken fan' }],
  auditTotal: 1,
  revision: 3,
};

describe('the alert filter shared by the BFF and the inbox', () => {
  it('parses the query string: comma lists, ISO or epoch times, defaults', () => {
    expect(alertsQuerySchema.parse({ status: 'open,acknowledged', team: 'fleet', from: '2026-03-02T12:00:00Z', to: String(T + 1) })).toEqual({
      status: ['open', 'acknowledged'],
      team: ['fleet'],
      from: T,
      to: T + 1,
      limit: 2_000,
    });
    expect(alertsQuerySchema.safeParse({ status: 'open,bogus' }).success).toBe(false);
  });

  it('matches on every field, and free text on plate, vehicle, metric, assignee and notes', () => {
    expect(
      matchesFilter(view, { status: ['acknowledged'], team: ['fleet'], severity: ['warning'], fleet: 'tankers', vehicle: 'tanker-7', from: T, to: T }),
    ).toBe(true);
    expect(matchesFilter(view, { status: ['open'] })).toBe(false);
    expect(matchesFilter(view, { fleet: 'cabs' })).toBe(false);
    expect(matchesFilter(view, { from: T + 1 })).toBe(false);
    for (const q of ['bx-12', 'TANKER-7', 'containertemp', 'joe', 'broken fan']) expect(matchesFilter(view, { q })).toBe(true);
    expect(matchesFilter(view, { q: 'cab-1' })).toBe(false);
  });

  it('asks each action for what it needs', () => {
    expect(actionRequestSchema.safeParse({ action: 'ack' }).success).toBe(true);
    expect(actionRequestSchema.safeParse({ action: 'assign' }).success).toBe(false);
    expect(actionRequestSchema.safeParse({ action: 'snooze', until: T }).success).toBe(true);
    expect(actionRequestSchema.safeParse({ action: 'note', note: '  ' }).success).toBe(false);
    expect(actionRequestSchema.safeParse({ action: 'ack', by: 'someone-else' }).success).toBe(false);
  });
});
