import { createHash } from 'node:crypto';

import type { Severity } from '@/lib/contracts/common';

import type { MetricRule } from './metric-rules';
import type { Band, Position } from './normal-model';

export interface EpisodeTiming {
  /** Readings must stay outside normal this long (event time) before an alert fires. */
  fireAfterMs: number;
  /** A firing alert clears after readings stay back inside this long (event time). */
  clearAfterMs: number;
}

export interface Reading {
  ts: number;
  value: number;
  position: Position;
  /** How far past the band, in half-widths. */
  excess: number;
  band: Band;
}

export type EpisodeEvent = { state: 'firing' | 'cleared'; alertId: string; startedAt: number; detectedAt: number; severity: Severity; value: number; band: Band };

type Phase =
  | { kind: 'normal' }
  | { kind: 'pending'; startedAt: number; band: Band; peakExcess: number }
  | { kind: 'firing'; alertId: string; startedAt: number; band: Band; peakExcess: number; severity: Severity; insideSince?: number };

/** Deterministic: the same vehicle, metric and episode start always give the same id. */
export function anomalyAlertId(vehicleId: string, metric: string, startedAt: number): string {
  const readable = `anomaly.${vehicleId}.${metric}.${startedAt}`;
  if (readable.length <= 128) return readable;
  return `anomaly.${createHash('sha256').update(`${vehicleId}|${metric}|${startedAt}`).digest('hex').slice(0, 40)}`;
}

/**
 * One vehicle's one metric, in event time: normal → pending (outside since `startedAt`) →
 * firing once it stayed outside `fireAfterMs` → cleared once back inside for `clearAfterMs`.
 * A reading in the hysteresis margin at the band's edge neither starts nor ends anything: it
 * continues an outside run and interrupts a return to normal, so a value hovering at the edge
 * does not flap.
 */
export class Episode {
  private phase: Phase = { kind: 'normal' };

  constructor(
    private readonly vehicleId: string,
    private readonly rule: MetricRule,
    private readonly timing: EpisodeTiming,
  ) {}

  /** True while the model must not learn: readings of an anomaly are not normal readings. */
  get abnormal(): boolean {
    return this.phase.kind !== 'normal';
  }

  /** The band to judge against: frozen at an episode's start, so a long anomaly cannot widen it. */
  bandOr(current: Band): Band {
    return this.phase.kind === 'normal' ? current : this.phase.band;
  }

  /** Resumes an episode the processor reported as firing before it restarted. */
  restore(alertId: string, startedAt: number, severity: Severity, band: Band): void {
    this.phase = { kind: 'firing', alertId, startedAt, band, peakExcess: 0, severity };
  }

  observe(reading: Reading): EpisodeEvent | undefined {
    const phase = this.phase;
    switch (phase.kind) {
      case 'normal':
        if (reading.position === 'outside') this.phase = { kind: 'pending', startedAt: reading.ts, band: reading.band, peakExcess: reading.excess };
        return undefined;
      case 'pending':
        if (reading.position === 'inside') {
          this.phase = { kind: 'normal' };
          return undefined;
        }
        phase.peakExcess = Math.max(phase.peakExcess, reading.excess);
        if (reading.ts - phase.startedAt < this.timing.fireAfterMs) return undefined;
        return this.fire(phase, reading);
      case 'firing':
        return this.continueFiring(phase, reading);
    }
  }

  /** Context says the metric means nothing now (ignition off, unit offline): any episode ends. */
  inhibit(ts: number, value: number): EpisodeEvent | undefined {
    const phase = this.phase;
    this.phase = { kind: 'normal' };
    if (phase.kind !== 'firing') return undefined;
    return { state: 'cleared', alertId: phase.alertId, startedAt: phase.startedAt, detectedAt: ts, severity: phase.severity, value, band: phase.band };
  }

  private fire(phase: Extract<Phase, { kind: 'pending' }>, reading: Reading): EpisodeEvent {
    const severity = severityOf(phase.peakExcess, reading.ts - phase.startedAt, reading.value, this.rule);
    const alertId = anomalyAlertId(this.vehicleId, this.rule.metric, phase.startedAt);
    this.phase = { kind: 'firing', alertId, startedAt: phase.startedAt, band: phase.band, peakExcess: phase.peakExcess, severity };
    return { state: 'firing', alertId, startedAt: phase.startedAt, detectedAt: reading.ts, severity, value: reading.value, band: phase.band };
  }

  private continueFiring(phase: Extract<Phase, { kind: 'firing' }>, reading: Reading): EpisodeEvent | undefined {
    const event = { alertId: phase.alertId, startedAt: phase.startedAt, detectedAt: reading.ts, value: reading.value, band: phase.band };
    if (reading.position === 'inside') {
      phase.insideSince ??= reading.ts;
      if (reading.ts - phase.insideSince < this.timing.clearAfterMs) return undefined;
      this.phase = { kind: 'normal' };
      return { ...event, state: 'cleared', severity: phase.severity };
    }
    phase.insideSince = undefined;
    phase.peakExcess = Math.max(phase.peakExcess, reading.excess);
    const severity = severityOf(phase.peakExcess, reading.ts - phase.startedAt, reading.value, this.rule);
    // Severity only grows within an episode; each step up is reported under the same id.
    if (rank(severity) <= rank(phase.severity)) return undefined;
    phase.severity = severity;
    return { ...event, state: 'firing', severity };
  }
}

const LONG_MS = 60_000;
const MEDIUM_MS = 30_000;

/** Bigger and longer is worse: past a safety limit, twice the band's half-width, or a minute is critical. */
export function severityOf(peakExcess: number, durationMs: number, value: number, rule: MetricRule): Severity {
  if (value > rule.safety.max || value < rule.safety.min || peakExcess >= 2 || durationMs >= LONG_MS) return 'critical';
  if (peakExcess >= 0.5 || durationMs >= MEDIUM_MS) return 'warning';
  return 'info';
}

function rank(severity: Severity): number {
  return severity === 'critical' ? 2 : severity === 'warning' ? 1 : 0;
}
