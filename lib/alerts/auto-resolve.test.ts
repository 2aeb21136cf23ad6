import { describe, expect, it } from 'vitest';

import type { AlertView } from '../api/alerts';

import { autoResolveDue, parseAutoResolve } from './auto-resolve';

const MIN = 60_000;

function view(
  state: 'firing' | 'inhibited' | 'cleared',
  status: AlertView['status'],
  detectedAt: number,
  team: 'fleet' | 'platform' = 'platform',
): Pick<AlertView, 'alert' | 'status'> {
  const base = { alertId: 'a', metric: 'm', value: 1, normal: { min: 0, max: 1 }, startedAt: 0, detectedAt, severity: 'warning' as const, state };
  const alert =
    team === 'fleet' ? { ...base, kind: 'anomaly' as const, team, vehicleId: 'cab-1' } : { ...base, kind: 'consumer-lag' as const, team, groupId: 'g' };
  return { alert, status };
}

describe('parseAutoResolve', () => {
  it('reads team:kind=minutes pairs and is off when empty', () => {
    expect(parseAutoResolve(undefined).size).toBe(0);
    expect(parseAutoResolve('').size).toBe(0);
    expect([...parseAutoResolve('platform:consumer-lag=10, fleet:anomaly=0.5')]).toEqual([
      ['platform:consumer-lag', 10 * MIN],
      ['fleet:anomaly', 30_000],
    ]);
  });

  it('names the pair it cannot read', () => {
    expect(() => parseAutoResolve('platform:lag=10')).toThrow('"platform:lag=10" is not team:kind=minutes');
    expect(() => parseAutoResolve('ops:anomaly=10')).toThrow('ops:anomaly=10');
    expect(() => parseAutoResolve('fleet:anomaly')).toThrow('fleet:anomaly');
  });
});

describe('autoResolveDue', () => {
  const rules = parseAutoResolve('platform:consumer-lag=10');

  it('resolves a cleared alert of a team and kind with a rule once its delay has passed', () => {
    expect(autoResolveDue(view('cleared', 'open', 0), rules, 10 * MIN - 1)).toBe(false);
    expect(autoResolveDue(view('cleared', 'open', 0), rules, 10 * MIN)).toBe(true);
    expect(autoResolveDue(view('cleared', 'acknowledged', 0), rules, 11 * MIN)).toBe(true);
  });

  it('never resolves a firing or inhibited alert, one already resolved, or a team and kind without a rule', () => {
    expect(autoResolveDue(view('firing', 'open', 0), rules, 60 * MIN)).toBe(false);
    expect(autoResolveDue(view('inhibited', 'open', 0), rules, 60 * MIN)).toBe(false);
    expect(autoResolveDue(view('cleared', 'resolved', 0), rules, 60 * MIN)).toBe(false);
    expect(autoResolveDue(view('cleared', 'open', 0, 'fleet'), rules, 60 * MIN)).toBe(false);
  });
});
