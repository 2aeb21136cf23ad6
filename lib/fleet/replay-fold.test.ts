import { describe, expect, it } from 'vitest';

import { replayVehicle as fix } from '../../test/support/fleet-fixtures';
import type { ReplayAlert } from '../contracts/replay';

import { ReplayFold } from './replay-fold';

const RULES = { offlineAfterMs: 30_000, delayedAfterMs: 5_000, frozenAfterMs: 10_000 };

function alert(alertId: string, vehicleId: string, state: ReplayAlert['state']): ReplayAlert {
  return { alertId, vehicleId, metric: 'engineTempC', value: 130, severity: 'critical', detectedAt: 1, state };
}

describe('ReplayFold', () => {
  it('keeps the newest fix per vehicle, whatever order the records come in', () => {
    const fold = new ReplayFold();
    expect(fold.applyVehicle(fix('cab-1', 2_000, { lat: 52.6 }))).toBe(true);
    expect(fold.applyVehicle(fix('cab-1', 1_000, { lat: 52.1 }))).toBe(false);
    expect(fold.latest()).toEqual([fix('cab-1', 2_000, { lat: 52.6 })]);
  });

  it('marks a vehicle silent longer than the offline rule as offline at the moment asked', () => {
    const fold = new ReplayFold();
    fold.applyVehicle(fix('cab-1', 0, { lat: 52.1 }));
    expect(fold.views(10_000, RULES)[0]).toMatchObject({ status: 'moving', freshness: 'live' });
    expect(fold.views(31_000, RULES)[0]).toMatchObject({ status: 'offline', freshness: 'offline' });
  });

  it('counts the alerts firing per vehicle and forgets a cleared one', () => {
    const fold = new ReplayFold();
    fold.applyVehicle(fix('cab-1', 0));
    fold.applyAlert(alert('a1', 'cab-1', 'firing'));
    fold.applyAlert(alert('a2', 'cab-1', 'firing'));
    expect(fold.views(0, RULES)[0]?.openAlerts).toBe(2);
    fold.applyAlert(alert('a1', 'cab-1', 'cleared'));
    expect(fold.views(0, RULES)[0]?.openAlerts).toBe(1);
    expect(fold.openAlerts().map((a) => a.alertId)).toEqual(['a2']);
  });

  it('tells a frozen GPS: one position repeated while the speed says it moves', () => {
    const fold = new ReplayFold();
    for (const ts of [0, 5_000, 11_000]) fold.applyVehicle(fix('cab-1', ts));
    expect(fold.views(11_000, RULES)[0]?.freshness).toBe('frozen');
  });

  it("summarises the moment with the live view's counts", () => {
    const fold = new ReplayFold();
    fold.applyVehicle(fix('cab-1', 0, { status: 'idle' }));
    fold.applyVehicle(fix('cab-2', 0));
    expect(fold.snapshot(1_000, RULES).counts).toMatchObject({ total: 2, idle: 1, moving: 1 });
  });

  it('starts a vehicle from a snapshot with its still-position history, so a frozen GPS stays marked', () => {
    const fold = new ReplayFold();
    // The snapshot says: at this position since ts 0, and a repeat of it claimed motion.
    fold.applySnapshot({ state: fix('cab-1', 8_000), positionSince: 0, movedWhileStill: true });
    fold.applyVehicle(fix('cab-1', 11_000));
    expect(fold.views(11_000, RULES)[0]?.freshness).toBe('frozen');
    // A fix read after the snapshot but older than it changes nothing.
    fold.applyVehicle(fix('cab-1', 7_000, { lat: 52.1 }));
    fold.applySnapshot({ state: fix('cab-1', 6_000, { lat: 52.2 }), positionSince: 6_000, movedWhileStill: false });
    expect(fold.latest()[0]).toMatchObject({ ts: 11_000, lat: 52.5 });
  });

  it("takes a step's snapshot entry with its still-position timing, and a plain fix as a fix", () => {
    const fold = new ReplayFold();
    fold.applyStep(fix('cab-1', 0));
    // Fast playback: the snapshot says the position has not changed since 0 and a repeat claimed motion.
    fold.applyStep({ ...fix('cab-1', 11_000), positionSince: 0, movedWhileStill: true });
    expect(fold.views(11_000, RULES)[0]?.freshness).toBe('frozen');
    expect(fold.latest()[0]).not.toHaveProperty('positionSince');
    fold.applyStep(fix('cab-1', 12_000, { lat: 52.1 }));
    expect(fold.views(12_000, RULES)[0]).toMatchObject({ lat: 52.1, freshness: 'live' });
  });
});
