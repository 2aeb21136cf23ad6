import type { Alert } from '@/lib/contracts/alerts';
import type { VehicleState } from '@/lib/contracts/fleet';

import type { EpisodeEvent, EpisodeTiming } from './episode';
import { Episode } from './episode';
import type { AnomalyMetric, MetricRule } from './metric-rules';
import { watchedMetrics } from './metric-rules';
import { NormalModel, excessRatio, positionOf } from './normal-model';

export type AnomalyAlert = Extract<Alert, { kind: 'anomaly' }>;

export interface DetectorOptions extends EpisodeTiming {
  /** Readings a vehicle's model needs before its learned band is trusted (until then: safety limits only). */
  warmupSamples: number;
  /** A reading may arrive this long (event time) after a newer one of its vehicle and still be put in order. */
  allowedLatenessMs: number;
  /** Readings further apart than this mean the unit was offline in between: open episodes end. */
  offlineGapMs: number;
}

interface Track {
  rule: MetricRule;
  /** A restored episode was last reported at this event time: readings up to it (re-read at start) were judged already. */
  resumeAfter?: number;
  model: NormalModel;
  episode: Episode;
}

interface VehicleTrack {
  /** Readings not yet judged, oldest first: held back for `allowedLatenessMs` so late ones fall into place. */
  pending: VehicleState[];
  newestTs: number;
  lastJudgedTs: number;
  lastArrivalAt: number;
  metrics: Map<AnomalyMetric, Track>;
}

export interface AddResult {
  alerts: AnomalyAlert[];
  /** The reading came after a newer one of its vehicle was already judged: it cannot be used. */
  late?: string;
}

/**
 * Learns each vehicle's normal readings and reports anomalies, in event time. Every reading
 * waits in a small per-vehicle buffer until the vehicle's stream has moved `allowedLatenessMs`
 * past it, so readings that arrive out of order are judged in order; the output depends only
 * on the readings, never on when they arrived.
 */
export class AnomalyDetector {
  private readonly vehicles = new Map<string, VehicleTrack>();
  private readonly restored = new Map<string, AnomalyAlert>();

  constructor(private readonly options: DetectorOptions) {}

  add(state: VehicleState, arrivedAt: number): AddResult {
    const vehicle = this.vehicle(state.vehicleId);
    vehicle.lastArrivalAt = arrivedAt;
    if (state.ts <= vehicle.lastJudgedTs) {
      if (state.ts === vehicle.lastJudgedTs) return { alerts: [] };
      return { alerts: [], late: `too-late: reading at ${new Date(state.ts).toISOString()} arrived after ${vehicle.lastJudgedTs - state.ts} ms newer readings of ${state.vehicleId} were judged` };
    }
    insertInOrder(vehicle.pending, state);
    vehicle.newestTs = Math.max(vehicle.newestTs, state.ts);
    return { alerts: this.release(vehicle, vehicle.newestTs - this.options.allowedLatenessMs) };
  }

  /** Judges what vehicles that went quiet (wall time) still hold back, so their last readings count. */
  flushQuiet(now: number): AnomalyAlert[] {
    const alerts: AnomalyAlert[] = [];
    for (const vehicle of this.vehicles.values()) {
      if (vehicle.pending.length > 0 && now - vehicle.lastArrivalAt >= this.options.allowedLatenessMs) alerts.push(...this.release(vehicle, Infinity));
    }
    return alerts;
  }

  /** Continues episodes reported as firing before a restart, so they clear under their own id. */
  restore(alert: AnomalyAlert): void {
    const key = `${alert.vehicleId}|${alert.metric}`;
    if (alert.state === 'firing') this.restored.set(key, alert);
    else if (this.restored.get(key)?.alertId === alert.alertId) this.restored.delete(key);
  }

  private vehicle(vehicleId: string): VehicleTrack {
    let vehicle = this.vehicles.get(vehicleId);
    if (!vehicle) {
      vehicle = { pending: [], newestTs: -Infinity, lastJudgedTs: -Infinity, lastArrivalAt: 0, metrics: new Map() };
      this.vehicles.set(vehicleId, vehicle);
    }
    return vehicle;
  }

  private release(vehicle: VehicleTrack, upTo: number): AnomalyAlert[] {
    const alerts: AnomalyAlert[] = [];
    while (vehicle.pending.length > 0 && (vehicle.pending[0]?.ts ?? Infinity) <= upTo) {
      const state = vehicle.pending.shift() as VehicleState;
      alerts.push(...this.judge(vehicle, state));
      vehicle.lastJudgedTs = state.ts;
    }
    return alerts;
  }

  private judge(vehicle: VehicleTrack, state: VehicleState): AnomalyAlert[] {
    const alerts: AnomalyAlert[] = [];
    const gap = Number.isFinite(vehicle.lastJudgedTs) && state.ts - vehicle.lastJudgedTs > this.options.offlineGapMs;
    for (const { rule, value, inhibited } of watchedMetrics(state)) {
      const track = this.trackFor(vehicle, state.vehicleId, rule);
      if (track.resumeAfter !== undefined && state.ts <= track.resumeAfter) {
        // Already judged before the restart; its normal readings still teach the model.
        if (!inhibited && positionOf(value, track.model.band(), rule) !== 'outside') track.model.learn(value);
        continue;
      }
      if (inhibited || gap) {
        const event = track.episode.inhibit(state.ts, value);
        if (event) alerts.push(toAlert(state, rule, event));
        if (inhibited) continue;
      }
      const band = track.episode.bandOr(track.model.band());
      const position = positionOf(value, band, rule);
      const event = track.episode.observe({ ts: state.ts, value, position, band, excess: excessRatio(value, band, rule) });
      if (event) alerts.push(toAlert(state, rule, event));
      if (!track.episode.abnormal && position !== 'outside') track.model.learn(value);
    }
    return alerts;
  }

  /** A track is made with its metric's rule, and made anew if the cargo (hence the limits) changes. */
  private trackFor(vehicle: VehicleTrack, vehicleId: string, rule: MetricRule): Track {
    const known = vehicle.metrics.get(rule.metric);
    if (known && sameRule(known.rule, rule)) return known;
    const track: Track = { rule, model: new NormalModel(rule, this.options.warmupSamples), episode: new Episode(vehicleId, rule, this.options) };
    const restored = this.restored.get(`${vehicleId}|${rule.metric}`);
    if (restored && 'min' in restored.normal) {
      const { min, max } = restored.normal;
      track.episode.restore(restored.alertId, restored.startedAt, restored.severity, { min, max, mean: (min + max) / 2 });
      track.resumeAfter = restored.detectedAt;
      this.restored.delete(`${vehicleId}|${rule.metric}`);
    }
    vehicle.metrics.set(rule.metric, track);
    return track;
  }
}

function sameRule(a: MetricRule, b: MetricRule): boolean {
  return a.safety.min === b.safety.min && a.safety.max === b.safety.max;
}

function insertInOrder(pending: VehicleState[], state: VehicleState): void {
  let index = pending.length;
  while (index > 0 && (pending[index - 1]?.ts ?? -Infinity) > state.ts) index -= 1;
  if (pending[index - 1]?.ts === state.ts) return; // the same reading twice (a producer retry)
  pending.splice(index, 0, state);
}

function toAlert(state: VehicleState, rule: MetricRule, event: EpisodeEvent): AnomalyAlert {
  return {
    alertId: event.alertId,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId: state.vehicleId,
    fleet: state.fleet,
    plate: state.plate,
    metric: rule.metric,
    value: event.value,
    normal: { min: round2(event.band.min), max: round2(event.band.max) },
    startedAt: event.startedAt,
    detectedAt: event.detectedAt,
    severity: event.severity,
    state: event.state,
  };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
