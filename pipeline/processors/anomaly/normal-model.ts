import type { MetricRule } from './metric-rules';

/** Weight of a new reading in the running mean and variance: about the last 40 readings count. */
const ALPHA = 0.05;
/** The band is this many standard deviations wide on each side. */
const K = 4;

export interface Band {
  min: number;
  max: number;
  mean: number;
}

/**
 * One vehicle's normal readings of one metric: an exponentially weighted mean and variance,
 * trusted only after `warmupSamples` readings. Until then the band is the fixed limits alone.
 */
export class NormalModel {
  private mean = 0;
  private variance = 0;
  private samples = 0;

  constructor(
    private readonly rule: MetricRule,
    private readonly warmupSamples: number,
  ) {}

  learn(value: number): void {
    if (this.samples === 0) this.mean = value;
    const delta = value - this.mean;
    this.mean += ALPHA * delta;
    this.variance = (1 - ALPHA) * (this.variance + ALPHA * delta * delta);
    this.samples += 1;
  }

  band(): Band {
    const { safety, alwaysNormalBelow } = this.rule;
    // Untrained, a reading is judged against the fixed limits: the always-normal line where there is one, else safety.
    if (this.samples < this.warmupSamples) return { min: safety.min, max: Math.min(alwaysNormalBelow ?? safety.max, safety.max), mean: this.samples > 0 ? this.mean : (safety.min + safety.max) / 2 };
    const half = Math.max(this.rule.minHalfWidth, K * Math.sqrt(this.variance));
    let max = Math.min(safety.max, this.mean + half);
    if (alwaysNormalBelow !== undefined) max = Math.max(max, Math.min(alwaysNormalBelow, safety.max));
    const min = this.rule.sides === 'high' ? this.mean - half : Math.max(safety.min, this.mean - half);
    return { min, max, mean: this.mean };
  }
}

/** How a reading sits against the band: beyond it, in the hysteresis margin at its edge, or well inside. */
export type Position = 'outside' | 'edge' | 'inside';

export function positionOf(value: number, band: Band, rule: MetricRule): Position {
  const above = value - band.max;
  const below = rule.sides === 'both' ? band.min - value : -Infinity;
  const beyond = Math.max(above, below);
  if (beyond > 0) return 'outside';
  return beyond > -rule.hysteresis ? 'edge' : 'inside';
}

/** How far past the band a reading is, in half-widths of the band (0 inside). */
export function excessRatio(value: number, band: Band, rule: MetricRule): number {
  const half = Math.max(rule.minHalfWidth, (band.max - band.min) / 2);
  const beyond = Math.max(value - band.max, rule.sides === 'both' ? band.min - value : 0, 0);
  return beyond / half;
}
