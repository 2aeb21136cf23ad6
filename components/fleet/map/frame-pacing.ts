/** A moving vehicle is redrawn once it has moved this far on screen: smooth to the eye, far fewer frames. */
export const MOTION_STEP_PX = 0.5;
/**
 * The longest a fleet change waits to be drawn when nothing on screen glides fast enough to need
 * more: at city zoom a car moves under a pixel a second, so redrawing 60 times a second (each
 * redraw a full WebGL frame, read back in software where there is no GPU) would show nothing new.
 */
export const MAX_MOTION_INTERVAL_MS = 500;

/**
 * How long the map may wait before drawing the fleet's motion again, given the fastest drawn
 * vehicle's speed on screen: as long as it takes that vehicle to move half a pixel, at most
 * `MAX_MOTION_INTERVAL_MS`.
 */
export function motionIntervalMs(fastestPxPerMs: number): number {
  if (!(fastestPxPerMs > 0)) return MAX_MOTION_INTERVAL_MS;
  return Math.min(MAX_MOTION_INTERVAL_MS, MOTION_STEP_PX / fastestPxPerMs);
}

/**
 * Decides whether this animation frame may draw. When a draw is expensive (10,000 vehicles on
 * software rendering), the next waits at least as long again, so drawing never takes more than
 * about half the page's time and input and frames stay smooth. Motion alone may be asked to wait
 * longer (`motionIntervalMs`); a change of view (a pan, a filter, a selection) never is.
 */
export class FramePacer {
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private lastDrawCost = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** True when there is something to draw and both the last draw's cost and `minIntervalMs` since it have been waited out. */
  mayDraw(now: number, dirty: boolean, minIntervalMs = 0): boolean {
    return dirty && now - this.lastDrawAt >= Math.max(this.lastDrawCost * 2, minIntervalMs);
  }

  /** Runs `draw`, remembering when and how long it took; returns what `draw` returned. */
  draw<T>(now: number, draw: () => T): T {
    this.lastDrawAt = now;
    const started = this.clock();
    const result = draw();
    this.lastDrawCost = this.clock() - started;
    return result;
  }
}
