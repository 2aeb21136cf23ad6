import { summariseFleet } from '../api/fleet';
import type { FleetCounts } from '../api/fleet';
import { applyFrame, parseFrame } from '../fleet/frame-codec';
import type { VehicleView } from '../realtime/events';

export interface FleetView {
  vehicles: ReadonlyMap<string, VehicleView>;
  counts: FleetCounts;
  newestFixAt: number | null;
  /** Server time of the last frame, to tell how old the picture is. */
  lastFrameAt: number | null;
  /** False until the first snapshot arrived: the UI shows "loading", not "no vehicles". */
  loaded: boolean;
  /** The BFF's own lag behind the fleet topic, as of the last frame. */
  consumerLagMs: number | null;
}

const EMPTY: FleetView = {
  vehicles: new Map(),
  ...summariseFleet([]),
  lastFrameAt: null,
  loaded: false,
  consumerLagMs: null,
};

/**
 * The high-rate fleet stream lives here, not in the query cache: frames are folded into one
 * mutable map, and the immutable view readers get is rebuilt at most once per animation frame,
 * so a burst of updates costs one render. A large fleet's view is rebuilt less often still (see
 * `viewIntervalMs`): the list and KPIs re-sort and re-count every vehicle, while the map reads
 * `live` itself each frame.
 */
export class FleetStore {
  private readonly vehicles = new Map<string, VehicleView>();
  private lastFrameAt: number | null = null;
  private consumerLagMs: number | null = null;
  private loaded = false;
  /** Bumped on every frame, so the map (which reads `live` directly, outside React) knows when to redraw. */
  version = 0;
  /** Bumped when the whole fleet is replaced (a moment chosen, a playback step): the map draws that at once, as a new view. */
  replacements = 0;
  private view: FleetView = EMPTY;
  private readonly listeners = new Set<() => void>();
  private flushScheduled = false;
  private lastViewAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly schedule: (callback: () => void) => void = defaultSchedule,
    private readonly clock: () => number = Date.now,
  ) {}

  getSnapshot = (): FleetView => this.view;

  /** The store's own map, updated in place: for the canvas map, which must not copy 10,000 vehicles per frame. */
  get live(): ReadonlyMap<string, VehicleView> {
    return this.vehicles;
  }

  getServerSnapshot = (): FleetView => EMPTY;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Entries and frames refused because they broke the frame contract (kept out of the fleet, counted). */
  rejected = 0;

  /** Folds one `fleet:update` frame in; a frame that breaks the contract changes nothing. */
  apply(raw: unknown): void {
    const frame = parseFrame(raw);
    if (!frame) {
      this.rejected += 1;
      return;
    }
    this.rejected += applyFrame(this.vehicles, frame).rejected;
    this.lastFrameAt = frame.t;
    if (frame.l !== undefined) this.consumerLagMs = frame.l;
    this.loaded = true;
    this.version += 1;
    this.scheduleFlush();
  }

  /** Replaces the whole fleet with a picture of a past moment (time travel), drawn like a snapshot frame. */
  replaceAll(vehicles: Iterable<VehicleView>, at: number): void {
    this.vehicles.clear();
    for (const vehicle of vehicles) this.vehicles.set(vehicle.vehicleId, vehicle);
    this.replaced(at);
  }

  /** Forgets the fleet: a past moment that could not be read shows nothing rather than another moment's fleet. */
  clear(): void {
    this.vehicles.clear();
    this.replaced(null);
  }

  /** The whole fleet was swapped: a picture of `at`, or none at all. */
  private replaced(at: number | null): void {
    this.lastFrameAt = at;
    this.consumerLagMs = null;
    this.loaded = at !== null;
    this.version += 1;
    this.replacements += 1;
    this.scheduleFlush();
  }

  private scheduleFlush(): void {
    if (this.flushScheduled) return;
    this.flushScheduled = true;
    this.schedule(this.flush);
  }

  private readonly flush = (): void => {
    // The first picture is never held back; later ones wait out the interval the fleet's size calls for.
    if (this.view.loaded && this.clock() - this.lastViewAt < viewIntervalMs(this.vehicles.size)) {
      this.schedule(this.flush);
      return;
    }
    this.flushScheduled = false;
    this.lastViewAt = this.clock();
    const vehicles = new Map(this.vehicles);
    this.view = { vehicles, ...summariseFleet(vehicles.values()), lastFrameAt: this.lastFrameAt, loaded: this.loaded, consumerLagMs: this.consumerLagMs };
    for (const listener of this.listeners) listener();
  };
}

/**
 * How often the React view of the fleet may be rebuilt: every frame for a small fleet, once a
 * second at 10,000 vehicles, because re-sorting and re-rendering that many rows every frame
 * would take longer than a frame (and nobody reads a list that reorders 60 times a second).
 */
export function viewIntervalMs(fleetSize: number): number {
  return Math.min(1_000, Math.floor(fleetSize / 10));
}

function defaultSchedule(callback: () => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(callback);
  else setTimeout(callback, 16);
}
