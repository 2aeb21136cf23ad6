/**
 * Decides whether this animation frame may draw. When a draw is expensive (10,000 vehicles on
 * software rendering), the next waits at least as long again, so drawing never takes more than
 * about half the page's time and input and frames stay smooth.
 */
export class FramePacer {
  private lastDrawAt = Number.NEGATIVE_INFINITY;
  private lastDrawCost = 0;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** True when there is something to draw and the last draw's cost has been waited out. */
  mayDraw(now: number, dirty: boolean): boolean {
    return dirty && now - this.lastDrawAt >= this.lastDrawCost * 2;
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
