import type { ReplayScene, ReplayStep } from '../contracts/replay';
import type { FreshnessRules } from '../fleet/freshness';
import { ReplayFold } from '../fleet/replay-fold';
import type { VehicleView } from '../realtime/events';

/** Steps held ahead of the playhead, because otherwise a fast playback left running would grow the buffer without bound. */
const MAX_BUFFERED_STEPS = 4_000;
/** Steps are fetched this far (wall time of playback) ahead, so playback never waits at the speeds offered. */
const PREFETCH_WALL_MS = 10_000;
/** The shortest history one steps request is cut down to when the BFF finds a span too large. */
const MIN_SPAN_MS = 5_000;

/**
 * Plays a replay forward in the browser: a scene from the BFF, then steps folded in as the
 * playhead passes them (the same fold as the BFF's, lib/fleet/replay-fold.ts). Pure, so the
 * playback rules are unit-tested without a browser or a server.
 */
export class ReplayPlayer {
  private fold = new ReplayFold();
  private rules: FreshnessRules = { offlineAfterMs: 30_000, delayedAfterMs: 5_000, frozenAfterMs: 10_000 };
  private buffered: ReplayStep[] = [];
  /** The moment shown. */
  playhead = 0;
  /** Steps are known up to here: the next request starts from it. */
  loadedUntil = 0;

  /**
   * The share of PREFETCH_WALL_MS a steps request covers: halved each time the BFF refuses a span as
   * too large (REPLAY_MAX_RECORDS; ten minutes of history at 60× is six million fixes of 10,000
   * vehicles), so a big fleet plays slower instead of stopping with an error.
   */
  private spanScale = 1;

  load(scene: ReplayScene): void {
    this.fold = new ReplayFold();
    this.fold.loadScene(scene.vehicles);
    for (const alert of scene.alerts) this.fold.applyAlert(alert);
    this.rules = scene.rules;
    this.buffered = [];
    this.playhead = scene.at;
    this.loadedUntil = scene.at;
  }

  /** The range the next steps request should ask for, or undefined while what is loaded reaches far enough (or the present). */
  nextRange(now: number, speed: number): { from: number; until: number } | undefined {
    const span = Math.max(MIN_SPAN_MS, PREFETCH_WALL_MS * speed * this.spanScale);
    const until = Math.min(now - 1_000, this.loadedUntil + span);
    return this.loadedUntil < Math.min(now - 1_000, this.playhead + PREFETCH_WALL_MS * speed) ? { from: this.loadedUntil, until } : undefined;
  }

  /** The BFF refused the last range as too large: true when a shorter one is left to ask for. */
  shortenSpan(speed: number): boolean {
    if (PREFETCH_WALL_MS * speed * this.spanScale <= MIN_SPAN_MS) return false;
    this.spanScale /= 2;
    return true;
  }

  /**
   * Steps fetched for (loadedUntil, until], `until` as the BFF answered (it may serve less than asked
   * for); a response for another range (a seek happened meanwhile) is ignored.
   */
  addSteps(from: number, until: number, steps: ReplayStep[]): boolean {
    if (from !== this.loadedUntil) return false;
    this.buffered.push(...steps);
    if (this.buffered.length > MAX_BUFFERED_STEPS) this.buffered.splice(0, this.buffered.length - MAX_BUFFERED_STEPS);
    this.loadedUntil = until;
    return true;
  }

  /** Moves the playhead, folding in every step it passed; never past what is loaded. */
  advanceTo(moment: number): number {
    const target = Math.min(moment, this.loadedUntil);
    while (this.buffered.length > 0 && (this.buffered[0]?.at ?? Infinity) <= target) {
      const step = this.buffered.shift();
      for (const vehicle of step?.vehicles ?? []) this.fold.applyStep(vehicle);
      for (const alert of step?.alerts ?? []) this.fold.applyAlert(alert);
    }
    this.playhead = Math.max(this.playhead, target);
    return this.playhead;
  }

  views(): VehicleView[] {
    return this.fold.views(this.playhead, this.rules);
  }
}
