import { describe, expect, it } from 'vitest';

import { FleetPushPlanner } from './fleet-push';

const ready = (id: string) => ({ id, ready: true });
const busy = (id: string) => ({ id, ready: false });

describe('FleetPushPlanner', () => {
  it('lets every ready client take the one broadcast frame', () => {
    const planner = new FleetPushPlanner();
    const plan = planner.plan(['cab-1', 'cab-2'], [ready('a'), ready('b')]);
    expect(plan.skip).toEqual([]);
    expect(plan.catchUp.size).toBe(0);
  });

  it('skips a busy client without holding back the others', () => {
    const planner = new FleetPushPlanner();
    const plan = planner.plan(['cab-1'], [ready('a'), busy('slow'), ready('b')]);
    expect(plan.skip).toEqual(['slow']);
    expect(plan.catchUp.size).toBe(0);
    expect(planner.behind).toBe(1);
  });

  it('gives a client that is ready again every vehicle it missed, once each, plus this tick', () => {
    const planner = new FleetPushPlanner();
    planner.plan(['cab-1', 'cab-2'], [busy('slow')]);
    planner.plan(['cab-2', 'cab-3'], [busy('slow')]);
    const plan = planner.plan(['cab-4'], [ready('slow'), ready('fast')]);
    expect(plan.skip).toEqual(['slow']);
    expect(plan.catchUp.get('slow')?.sort()).toEqual(['cab-1', 'cab-2', 'cab-3', 'cab-4']);
    expect(planner.behind).toBe(0);
    // Caught up: the next tick it is back on the broadcast.
    expect(planner.plan(['cab-5'], [ready('slow')]).skip).toEqual([]);
  });

  it('keeps a client behind while it stays busy, even through ticks with no change', () => {
    const planner = new FleetPushPlanner();
    planner.plan(['cab-1'], [busy('slow')]);
    planner.plan([], [busy('slow')]);
    expect(planner.plan([], [ready('slow')]).catchUp.get('slow')).toEqual(['cab-1']);
  });

  it('forgets a client that left or was sent a fresh snapshot', () => {
    const planner = new FleetPushPlanner();
    planner.plan(['cab-1'], [busy('slow')]);
    planner.forget('slow');
    const plan = planner.plan([], [ready('slow')]);
    expect(plan.skip).toEqual([]);
    expect(plan.catchUp.size).toBe(0);
  });
});
