import { summariseFleet } from '../api/fleet';
import type { FleetCounts } from '../api/fleet';
import type { FleetUpdate, VehicleView } from '../realtime/events';

export interface FleetView {
  vehicles: ReadonlyMap<string, VehicleView>;
  counts: FleetCounts;
  newestFixAt: number | null;
  /** Server time of the last frame, to tell how old the picture is. */
  lastFrameAt: number | null;
  /** False until the first snapshot arrived: the UI shows "loading", not "no vehicles". */
  loaded: boolean;
}

const EMPTY: FleetView = {
  vehicles: new Map(),
  ...summariseFleet([]),
  lastFrameAt: null,
  loaded: false,
};

/**
 * The high-rate fleet stream lives here, not in the query cache: frames are folded into one
 * mutable map, and the immutable view readers get is rebuilt at most once per animation frame,
 * so a burst of updates costs one render.
 */
export class FleetStore {
  private readonly vehicles = new Map<string, VehicleView>();
  private lastFrameAt: number | null = null;
  private loaded = false;
  private view: FleetView = EMPTY;
  private readonly listeners = new Set<() => void>();
  private flushScheduled = false;

  constructor(private readonly schedule: (callback: () => void) => void = defaultSchedule) {}

  getSnapshot = (): FleetView => this.view;

  getServerSnapshot = (): FleetView => EMPTY;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  apply(update: FleetUpdate): void {
    if (update.snapshot) this.vehicles.clear();
    for (const vehicle of update.vehicles) this.vehicles.set(vehicle.vehicleId, vehicle);
    for (const vehicleId of update.removed) this.vehicles.delete(vehicleId);
    this.lastFrameAt = update.sentAt;
    this.loaded = true;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(() => {
      this.flushScheduled = false;
      const vehicles = new Map(this.vehicles);
      this.view = { vehicles, ...summariseFleet(vehicles.values()), lastFrameAt: this.lastFrameAt, loaded: this.loaded };
      for (const listener of this.listeners) listener();
    });
  }
}

function defaultSchedule(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}
