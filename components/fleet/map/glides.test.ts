import { describe, expect, it } from 'vitest';

import type { VehicleView } from '@/lib/realtime/events';

import { GlideTracker, MAX_GLIDE_MS } from './glides';

function at(vehicleId: string, ts: number, x: number, y: number, freshness: VehicleView['freshness'] = 'live'): [string, VehicleView] {
  // The tracker glides in whatever plane `place` gives: here lon → x, lat → y.
  return [vehicleId, { vehicleId, ts, lat: y, lon: x, freshness } as VehicleView];
}

const tracker = () => new GlideTracker((vehicle) => ({ x: vehicle.lon, y: vehicle.lat }), 10);

describe('GlideTracker', () => {
  it('places a vehicle seen for the first time where it is, without gliding', () => {
    const glides = tracker();
    glides.update(new Map([at('cab-1', 1_000, 1, 1)]), 0);
    expect(glides.positionOf('cab-1', 0)).toEqual({ x: 1, y: 1 });
    expect(glides.isGliding('cab-1', 0)).toBe(false);
    expect(glides.positionOf('cab-2', 0)).toBeUndefined();
  });

  it('glides to a new fix over the time between the fixes', () => {
    const glides = tracker();
    glides.update(new Map([at('cab-1', 1_000, 0, 0)]), 0);
    glides.update(new Map([at('cab-1', 2_000, 4, 2)]), 10_000);
    expect(glides.positionOf('cab-1', 10_000)).toEqual({ x: 0, y: 0 });
    expect(glides.positionOf('cab-1', 10_250)).toEqual({ x: 1, y: 0.5 });
    expect(glides.isGliding('cab-1', 10_500)).toBe(true);
    expect(glides.velocityOf('cab-1', 10_250)).toEqual({ x: 0.004, y: 0.002 });
    expect(glides.positionOf('cab-1', 11_000)).toEqual({ x: 4, y: 2 });
    expect(glides.velocityOf('cab-1', 11_000)).toBeUndefined();
    expect(glides.isGliding('cab-1', 11_000)).toBe(false);
  });

  it('starts the next glide from where the vehicle is drawn, not from its last fix', () => {
    const glides = tracker();
    glides.update(new Map([at('cab-1', 1_000, 0, 0)]), 0);
    glides.update(new Map([at('cab-1', 2_000, 4, 0)]), 0);
    glides.update(new Map([at('cab-1', 3_000, 4, 4)]), 500);
    expect(glides.positionOf('cab-1', 500)).toEqual({ x: 2, y: 0 });
    expect(glides.positionOf('cab-1', 1_000)).toEqual({ x: 3, y: 2 });
  });

  it('caps a glide after a long silence, and jumps over a long distance or to an offline vehicle', () => {
    const glides = tracker();
    glides.update(new Map([at('cab-1', 0, 0, 0), at('cab-2', 0, 0, 0), at('cab-3', 0, 0, 0)]), 0);
    glides.update(new Map([at('cab-1', 60_000, 1, 0), at('cab-2', 1_000, 50, 0), at('cab-3', 1_000, 1, 0, 'offline')]), 100);
    expect(glides.isGliding('cab-1', 100 + MAX_GLIDE_MS - 1)).toBe(true);
    expect(glides.positionOf('cab-1', 100 + MAX_GLIDE_MS)).toEqual({ x: 1, y: 0 });
    expect(glides.positionOf('cab-2', 100)).toEqual({ x: 50, y: 0 });
    expect(glides.positionOf('cab-3', 100)).toEqual({ x: 1, y: 0 });
  });

  it('ignores a frame that repeats the fix, and forgets vehicles gone from the fleet', () => {
    const glides = tracker();
    glides.update(new Map([at('cab-1', 1_000, 0, 0), at('cab-2', 1_000, 0, 0)]), 0);
    glides.update(new Map([at('cab-1', 2_000, 2, 0)]), 0);
    glides.update(new Map([at('cab-1', 2_000, 2, 0)]), 500);
    expect(glides.positionOf('cab-1', 500)).toEqual({ x: 1, y: 0 });
    expect(glides.positionOf('cab-2', 500)).toBeUndefined();
  });
});
