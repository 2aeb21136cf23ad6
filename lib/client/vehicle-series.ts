import type { VehiclePoint } from '../realtime/events';

/** The detail charts show 15 minutes; older points are dropped because otherwise the series grows all shift. */
export const SERIES_WINDOW_MS = 15 * 60_000;
/** recharts stays smooth up to about a thousand points per series. */
export const MAX_SERIES_POINTS = 1_000;

/**
 * One vehicle's recent points for its detail charts, fed by `vehicle:update` frames (its history
 * on subscribe, then new points). Folds frames into a buffer and publishes a new array at most
 * once per animation frame.
 */
export class VehicleSeries {
  private points: VehiclePoint[] = [];
  private published: readonly VehiclePoint[] = [];
  private readonly listeners = new Set<() => void>();
  private flushScheduled = false;

  constructor(
    readonly vehicleId: string,
    private readonly schedule: (callback: () => void) => void = defaultSchedule,
  ) {}

  getSnapshot = (): readonly VehiclePoint[] => this.published;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  add(points: readonly VehiclePoint[]): void {
    if (points.length === 0) return;
    const known = new Set(this.points.map((point) => point.ts));
    for (const point of points) if (!known.has(point.ts)) this.points.push(point);
    this.points.sort((a, b) => a.ts - b.ts);
    const newest = this.points.at(-1)?.ts ?? 0;
    const firstKept = this.points.findIndex((point) => point.ts >= newest - SERIES_WINDOW_MS);
    this.points = this.points.slice(Math.max(firstKept, this.points.length - MAX_SERIES_POINTS, 0));
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      this.published = [...this.points];
      for (const listener of this.listeners) listener();
    });
  }
}

function defaultSchedule(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}
