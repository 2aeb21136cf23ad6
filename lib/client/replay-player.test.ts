import { describe, expect, it } from 'vitest';

import { replayVehicle } from '../../test/support/fleet-fixtures';
import type { ReplayScene, ReplayVehicle } from '../contracts/replay';

import { ReplayPlayer } from './replay-player';

const fix = (ts: number, lat: number): ReplayVehicle => replayVehicle('cab-1', ts, { lat });

const scene: ReplayScene = {
  at: 10_000,
  retention: { retentionMs: 1, oldestAt: 0 },
  rules: { offlineAfterMs: 30_000, delayedAfterMs: 5_000, frozenAfterMs: 10_000 },
  lookbackMs: 120_000,
  vehicles: [{ ...fix(9_000, 52.1), positionSince: 9_000, movedWhileStill: false }],
  alerts: [],
  records: 1,
};

describe('ReplayPlayer', () => {
  it('folds a step in only once the playhead passes it, and never beyond what is loaded', () => {
    const player = new ReplayPlayer();
    player.load(scene);
    expect(
      player.addSteps(10_000, 12_000, [
        { at: 11_000, vehicles: [fix(10_500, 52.2)], alerts: [] },
        { at: 12_000, vehicles: [fix(11_500, 52.3)], alerts: [] },
      ]),
    ).toBe(true);
    expect(player.advanceTo(10_500)).toBe(10_500);
    expect(player.views()[0]?.lat).toBe(52.1);
    expect(player.advanceTo(11_000)).toBe(11_000);
    expect(player.views()[0]?.lat).toBe(52.2);
    expect(player.advanceTo(60_000)).toBe(12_000);
    expect(player.views()[0]?.lat).toBe(52.3);
  });

  it('ignores steps for a range it no longer waits for (a seek happened meanwhile)', () => {
    const player = new ReplayPlayer();
    player.load(scene);
    expect(player.addSteps(5_000, 6_000, [])).toBe(false);
    expect(player.loadedUntil).toBe(10_000);
  });

  it('marks a vehicle and counts its alert while it fires', () => {
    const player = new ReplayPlayer();
    player.load({
      ...scene,
      alerts: [{ alertId: 'a', vehicleId: 'cab-1', metric: 'engineTempC', value: 130, severity: 'critical', detectedAt: 9_000, state: 'firing' }],
    });
    expect(player.views()[0]?.openAlerts).toBe(1);
    player.addSteps(10_000, 11_000, [
      {
        at: 11_000,
        vehicles: [],
        alerts: [{ alertId: 'a', vehicleId: 'cab-1', metric: 'engineTempC', value: 95, severity: 'critical', detectedAt: 10_900, state: 'cleared' }],
      },
    ]);
    player.advanceTo(11_000);
    expect(player.views()[0]?.openAlerts).toBe(0);
  });

  it('marks a frozen GPS at the chosen moment: the scene says since when the vehicle stood at its position', () => {
    const player = new ReplayPlayer();
    player.load({ ...scene, vehicles: [{ ...fix(9_000, 52.1), positionSince: -5_000, movedWhileStill: true }] });
    expect(player.views()[0]).toMatchObject({ freshness: 'frozen', lat: 52.1 });
    expect(player.views()[0]).not.toHaveProperty('positionSince');
  });

  it('asks for ten seconds of playback ahead, and for half as much history each time the BFF finds a span too large', () => {
    const player = new ReplayPlayer();
    player.load(scene);
    const now = 10_000_000;
    expect(player.nextRange(now, 60)).toEqual({ from: 10_000, until: 610_000 });
    expect(player.shortenSpan(60)).toBe(true);
    expect(player.nextRange(now, 60)).toEqual({ from: 10_000, until: 310_000 });
    // Down to 5 s of history per request, then the refusal stands.
    while (player.shortenSpan(60));
    expect(player.nextRange(now, 60)).toEqual({ from: 10_000, until: 15_000 });
    // Never past the present (a second ago), and nothing to ask while ten seconds of playback are loaded.
    expect(player.nextRange(12_000, 60)).toEqual({ from: 10_000, until: 11_000 });
    expect(player.nextRange(10_500, 60)).toBeUndefined();
    player.addSteps(10_000, 700_000, []);
    expect(player.nextRange(now, 60)).toBeUndefined();
  });

  it("plays a snapshot-served answer: the whole fleet per step with its still-position timing, and asks on from the answer's end", () => {
    const player = new ReplayPlayer();
    player.load(scene);
    // Asked up to 610 s; the snapshots were complete up to 40 s.
    player.addSteps(10_000, 40_000, [
      { at: 20_000, vehicles: [{ ...fix(19_500, 52.2), positionSince: 19_500, movedWhileStill: false }], alerts: [] },
      { at: 40_000, vehicles: [{ ...fix(39_500, 52.2), positionSince: 19_500, movedWhileStill: true }], alerts: [] },
    ]);
    expect(player.nextRange(10_000_000, 60)).toEqual({ from: 40_000, until: 640_000 });
    player.advanceTo(40_000);
    expect(player.views()[0]).toMatchObject({ lat: 52.2, freshness: 'frozen' });
  });
});
