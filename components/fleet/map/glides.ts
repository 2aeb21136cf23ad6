import type { WorldPoint } from '@/lib/fleet/map-geometry';
import { glide } from '@/lib/fleet/map-geometry';
import type { VehicleView } from '@/lib/realtime/events';

/** A vehicle glides to its new fix over the time between its fixes, at most this long. */
export const MAX_GLIDE_MS = 2_000;

interface GlideState {
  from: WorldPoint;
  to: WorldPoint;
  startedAt: number;
  durationMs: number;
  ts: number;
}

/**
 * Where each vehicle is drawn between fixes: a new fix starts a glide from wherever the vehicle is
 * drawn now to the new position, lasting as long as the time between the fixes (capped), so
 * vehicles drive instead of jumping. A long jump (a vehicle coming back) or an offline vehicle is
 * placed at once. `place` turns a vehicle's position into the plane the glide runs in.
 */
export class GlideTracker {
  private readonly glides = new Map<string, GlideState>();

  constructor(
    private readonly place: (vehicle: VehicleView) => WorldPoint,
    /** A jump longer than this (in `place`'s units, |dx| + |dy|) is not animated. */
    private readonly maxGlideDistance: number,
  ) {}

  /** Takes the fleet's newest fixes; vehicles gone from the fleet are forgotten. */
  update(vehicles: ReadonlyMap<string, VehicleView>, now: number): void {
    for (const vehicle of vehicles.values()) {
      const target = this.place(vehicle);
      const current = this.glides.get(vehicle.vehicleId);
      if (!current) {
        this.glides.set(vehicle.vehicleId, { from: target, to: target, startedAt: now, durationMs: 0, ts: vehicle.ts });
        continue;
      }
      if (current.ts === vehicle.ts) continue;
      const position = glide(current.from, current.to, current.startedAt, current.durationMs, now);
      const far = Math.abs(target.x - position.x) + Math.abs(target.y - position.y) > this.maxGlideDistance;
      const durationMs = far || vehicle.freshness === 'offline' ? 0 : Math.min(MAX_GLIDE_MS, Math.max(0, vehicle.ts - current.ts));
      this.glides.set(vehicle.vehicleId, { from: position, to: target, startedAt: now, durationMs, ts: vehicle.ts });
    }
    if (this.glides.size > vehicles.size) for (const vehicleId of this.glides.keys()) if (!vehicles.has(vehicleId)) this.glides.delete(vehicleId);
  }

  /** Where the vehicle is drawn at `now`; undefined for a vehicle not seen by `update`. */
  positionOf(vehicleId: string, now: number): WorldPoint | undefined {
    const state = this.glides.get(vehicleId);
    return state && glide(state.from, state.to, state.startedAt, state.durationMs, now);
  }

  /** Whether the vehicle is still on its way at `now` (the map must keep redrawing). */
  isGliding(vehicleId: string, now: number): boolean {
    const state = this.glides.get(vehicleId);
    return state !== undefined && state.durationMs > 0 && now < state.startedAt + state.durationMs;
  }

  /** How fast the vehicle is drawn moving at `now`, in `place`'s units per ms; undefined when it is not gliding. */
  velocityOf(vehicleId: string, now: number): WorldPoint | undefined {
    const state = this.glides.get(vehicleId);
    if (!state || state.durationMs <= 0 || now >= state.startedAt + state.durationMs) return undefined;
    return { x: (state.to.x - state.from.x) / state.durationMs, y: (state.to.y - state.from.y) / state.durationMs };
  }
}
