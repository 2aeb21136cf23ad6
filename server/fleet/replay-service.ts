import type { Kafka } from 'kafkajs';

import { alertSchema } from '@/lib/contracts/alerts';
import { SNAPSHOT_LATENESS_MS, vehicleStateSchema } from '@/lib/contracts/fleet';
import { parseMessage } from '@/lib/contracts/parse';
import type { ReplayAlert, ReplayScene, ReplayTimeline, ReplayVehicle, Retention } from '@/lib/contracts/replay';
import { REPLAY_ERRORS } from '@/lib/contracts/replay';
import { TOPICS } from '@/lib/contracts/topics';
import type { Trip, TripPoint } from '@/lib/contracts/trip';
import { TRIP_DEFAULT_PERIOD_MS } from '@/lib/contracts/trip';
import type { FreshnessRules } from '@/lib/fleet/freshness';
import { ReplayFold } from '@/lib/fleet/replay-fold';
import { buildTrip, toTripPoint } from '@/lib/fleet/trip';
import type { Logger } from '@/platform/logger';

import type { ReplayConfig } from '../config';

import { RangeTooLargeError, readRange } from './replay-reader';
import type { RangeRecord } from './replay-reader';
import { SnapshotPicker, SnapshotSeries, asStepVehicle, withReceivedAt } from './replay-snapshots';
import type { EncodedStep, EncodedSteps } from './replay-step-bytes';
import { encodeVehicles, StepCache } from './replay-step-bytes';
import { timelineBuckets } from './replay-timeline';

/** A refusal the routes answer as `{error: {code, message}}` with this status. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Route handlers are bundled apart from the custom server (see server/runtime.ts), so an error
 * thrown by the server's ReplayService is not an instance of the route bundle's class: told by name.
 */
export function isReplayError(error: unknown): error is ReplayError {
  return error instanceof Error && error.name === 'ReplayError' && typeof (error as ReplayError).status === 'number';
}

/** What fleet.vehicle-state holds at `now`: its retention and the oldest moment left. */
export function retentionAt(retentionMs: number, now: number): Retention {
  return { retentionMs, oldestAt: now - retentionMs };
}

/**
 * Snapshot-served steps per answer: each holds the whole fleet (about 3 MB of JSON at 10,000
 * vehicles), so an answer stays a few seconds of 60× playback and the page asks on from its end.
 */
const MAX_SNAPSHOT_STEPS = 10;

type SnapshotStep = Omit<EncodedStep, 'alerts'>;

/**
 * Time travel: the fleet at any moment of fleet.vehicle-state's retention, read from Kafka by
 * time with no second store. Every read fetches its partitions with no consumer group (nothing
 * committed, no group to form), bounded in records (REPLAY_MAX_RECORDS), at most
 * REPLAY_MAX_SESSIONS at once per BFF, and stopped when its viewer leaves (the request's abort signal).
 */
export class ReplayService {
  private active = 0;
  private sequence = 0;
  private readonly stepCache: StepCache;

  constructor(
    private readonly kafka: Kafka,
    private readonly config: ReplayConfig,
    private readonly rules: FreshnessRules,
    private readonly logger: Logger,
    private readonly now: () => number,
    /**
     * Told the number of replays reading now: the worker passes it to the main thread's sessions
     * gauge. Not the gauge itself, as importing the metrics module would start prom-client's default
     * collectors (event-loop monitor, GC observer) on the worker thread too.
     */
    private readonly onSessions: (active: number) => void,
  ) {
    this.stepCache = new StepCache(config.stepCacheBytes);
  }

  retention(): Retention {
    return retentionAt(this.config.retentionMs, this.now());
  }

  /** Bytes the step cache holds now. */
  stepCacheBytes(): number {
    return this.stepCache.size.bytes;
  }

  /**
   * The fleet at `at`: the newest snapshot before it (fleet.snapshots) and the fixes written since,
   * else each vehicle's newest fix written in the lookback before it; and the alerts firing then.
   * The fixes after the snapshot the job should have written last are read beside the snapshot, so
   * a scene is one round of reads. When the job runs behind, the newest snapshot within the lookback
   * is looked for too, and the fixes between it and the first read are read as well.
   */
  async scene(at: number, signal?: AbortSignal): Promise<ReplayScene> {
    this.checkMoment(at);
    return this.withSession(async () => {
      const started = Date.now();
      const interval = this.config.snapshotIntervalMs;
      const readFrom = Math.floor(at / interval) * interval - SNAPSHOT_LATENESS_MS;
      const picker = new SnapshotPicker();
      const snapshots = { add: (record: RangeRecord) => picker.add(record.value) };
      const later: ReplayVehicle[] = [];
      const fold = new ReplayFold();
      const [snapshotRecords, laterRecords, alertRecords] = await Promise.all([
        this.readSnapshots(readFrom - interval, at, signal, snapshots),
        this.read(TOPICS.vehicleState, readFrom, at, signal, (record) => pushVehicle(later, record)),
        this.read(TOPICS.anomalies, at - this.config.alertLookbackMs, at, signal, (record) => applyAlert(record, (alert) => fold.applyAlert(alert))),
      ]);
      let base = picker.pick(at);
      // The job running behind (or down a while): an older snapshot within the lookback still beats reading every fix of it.
      const olderFrom = at - this.config.lookbackMs;
      const olderSnapshotRecords =
        base || olderFrom >= readFrom - interval ? 0 : await this.readSnapshots(olderFrom, readFrom - interval - 1, signal, snapshots);
      base ??= picker.pick(at);
      const from = base ? base.coveredUntil - SNAPSHOT_LATENESS_MS : at - this.config.lookbackMs;
      for (const entry of base?.vehicles ?? []) fold.applySnapshot({ ...entry, state: withReceivedAt(entry) });
      const gapRecords = from < readFrom ? await this.read(TOPICS.vehicleState, from, readFrom - 1, signal, (record) => applyVehicle(fold, record)) : 0;
      for (const state of later) if (state.receivedAt >= from) fold.applyVehicle(state);
      const records = snapshotRecords + olderSnapshotRecords + laterRecords + alertRecords + gapRecords;
      this.logger.info(
        { at: new Date(at).toISOString(), snapshotAgeMs: base ? at - base.coveredUntil : null, records, vehicles: fold.size, ms: Date.now() - started },
        base ? 'replay scene from a snapshot' : 'replay scene without a snapshot: read the lookback',
      );
      return {
        at,
        retention: this.retention(),
        rules: this.rules,
        lookbackMs: this.config.lookbackMs,
        ...(base ? { snapshotAt: base.coveredUntil } : {}),
        vehicles: fold.sceneVehicles(),
        alerts: fold.openAlerts(),
        records,
      };
    });
  }

  /** Snapshots written in [from, until]; a deployment without the topic (or the job) just gets none. */
  private async readSnapshots(from: number, until: number, signal: AbortSignal | undefined, into: { add(record: RangeRecord): void }): Promise<number> {
    try {
      return await this.read(TOPICS.fleetSnapshots, from, until, signal, (record) => into.add(record));
    } catch (error) {
      if (signal?.aborted || error instanceof RangeTooLargeError) throw error;
      this.logger.warn({ err: error }, 'replay: fleet.snapshots could not be read; the scene reads the lookback instead');
      return 0;
    }
  }

  /**
   * Playback: what changed in (from, until], per step. A step as long as FLEET_SNAPSHOT_INTERVAL_S
   * or longer (fast playback) is served from fleet.snapshots where they are complete: the whole
   * fleet at each step, one snapshot per step instead of every fix of it (60× at 10,000 vehicles
   * is 600,000 fixes per second of playback). Elsewhere, and for shorter steps, from the fixes.
   * Each step's vehicles come serialized (see stepsSegments).
   */
  async steps(from: number, until: number, stepMs: number, signal?: AbortSignal): Promise<EncodedSteps> {
    this.checkMoment(from);
    if (stepMs >= this.config.snapshotIntervalMs) {
      const served = await this.withSession(() => this.stepsFromSnapshots(from, until, stepMs, signal));
      if (served) return served;
    }
    return this.stepsFromFixes(from, until, stepMs, signal);
  }

  /**
   * Steps on the snapshots' grid (a multiple of the interval nearest `stepMs`) from `from` up to the
   * newest complete snapshot on it within `until`; undefined when there is none. A step holds every
   * vehicle as the snapshot has it, with its still-position timing; alerts as from the fixes.
   * Moments in the step cache are not read again: only those after the last cached one in a row.
   */
  private async stepsFromSnapshots(from: number, until: number, stepMs: number, signal: AbortSignal | undefined): Promise<EncodedSteps | undefined> {
    const interval = this.config.snapshotIntervalMs;
    const every = Math.max(1, Math.round(stepMs / interval)) * interval;
    const moments: number[] = [];
    for (let at = Math.floor(from / every) * every + every; at <= until && moments.length < MAX_SNAPSHOT_STEPS; at += every) moments.push(at);
    const cached: SnapshotStep[] = [];
    for (const at of moments) {
      const vehicles = this.stepCache.get(at);
      if (!vehicles) break;
      cached.push({ at, vehicles, source: 'cache' });
    }
    const uncached = moments.slice(cached.length);
    const served = [...cached, ...(uncached.length > 0 ? await this.readSnapshotMoments(uncached, signal) : [])];
    const last = served[served.length - 1]?.at;
    if (last === undefined) return undefined;
    const states = served.reduce((sum, moment) => sum + moment.vehicles.count, 0);
    if (states > this.config.maxRecords) {
      throw new RangeTooLargeError(
        `${states} vehicle states in the range's snapshots, more than the ${this.config.maxRecords} one replay may read (REPLAY_MAX_RECORDS)`,
      );
    }
    const alerts = served.map((): ReplayAlert[] => []);
    const stepOf = (timestamp: number) => served.findIndex((moment) => moment.at >= timestamp);
    await this.read(TOPICS.anomalies, from + 1, last, signal, (record) => applyAlert(record, (alert) => alerts[stepOf(record.timestamp)]?.push(alert)));
    return { from, until: last, stepMs: every, steps: served.map((step, i) => ({ ...step, alerts: alerts[i] ?? [] })) };
  }

  /** The whole fleet at each of `moments` (on the grid, ascending) read from fleet.snapshots, up to the first that is incomplete; settled ones are cached. */
  private async readSnapshotMoments(moments: number[], signal: AbortSignal | undefined): Promise<SnapshotStep[]> {
    const interval = this.config.snapshotIntervalMs;
    const first = moments[0] ?? 0;
    const series = new SnapshotSeries(new Set(moments));
    // One interval before the first moment too: its buckets say which the first must have.
    await this.readSnapshots(first - interval, moments[moments.length - 1] ?? first, signal, series);
    const complete = series.completeUpTo(moments, interval);
    this.logger.debug(
      { moments: moments.length, complete: complete.length, cache: this.stepCache.size, ...series.describe() },
      complete.length > 0 ? 'replay steps read from snapshots' : 'replay steps: no complete snapshot on the grid, read from the fixes',
    );
    // Only a moment the fleet-snapshot job has certainly finished (it writes one 4–15 s after it): a bucket still on its way at the live edge is never cached as missing.
    const settled = this.now() - this.config.stepCacheAfterMs;
    return complete.map(({ at, vehicles }) => {
      const encoded = encodeVehicles(vehicles.map(asStepVehicle));
      if (at <= settled) this.stepCache.put(at, encoded);
      return { at, vehicles: encoded, source: 'snapshots' as const };
    });
  }

  /** What changed in (from, until], coalesced per step (each vehicle's newest fix of the step). */
  private async stepsFromFixes(from: number, until: number, stepMs: number, signal: AbortSignal | undefined): Promise<EncodedSteps> {
    const count = Math.ceil((until - from) / stepMs);
    const vehicles = Array.from({ length: count }, () => new Map<string, ReplayVehicle>());
    const alerts = Array.from({ length: count }, (): ReplayAlert[] => []);
    const stepOf = (timestamp: number) => Math.min(count - 1, Math.max(0, Math.ceil((timestamp - from) / stepMs) - 1));
    await this.withSession(() =>
      Promise.all([
        this.read(TOPICS.vehicleState, from + 1, until, signal, (record) => {
          const state = parseVehicle(record);
          const step = vehicles[stepOf(record.timestamp)];
          const current = state && step?.get(state.vehicleId);
          if (state && step && !(current && current.ts > state.ts)) step.set(state.vehicleId, state);
        }),
        this.read(TOPICS.anomalies, from + 1, until, signal, (record) => applyAlert(record, (alert) => alerts[stepOf(record.timestamp)]?.push(alert))),
      ]),
    );
    const steps = vehicles.map((changed, i) => ({
      at: Math.min(until, from + (i + 1) * stepMs),
      vehicles: encodeVehicles([...changed.values()]),
      alerts: alerts[i] ?? [],
      source: 'fixes' as const,
    }));
    return { from, until, stepMs, steps };
  }

  /** Records per bucket (from offsets by timestamp, nothing read) and alerts fired per bucket, for the timeline. */
  async timeline(from: number, until: number, buckets: number, signal?: AbortSignal): Promise<ReplayTimeline> {
    const retention = this.retention();
    const start = Math.max(from, retention.oldestAt);
    return this.withSession(async () => {
      const firedAt = new Map<string, number>();
      await this.read(TOPICS.anomalies, start, until, signal, (record) =>
        applyAlert(record, (alert) => {
          if (alert.state === 'firing' && !firedAt.has(alert.alertId)) firedAt.set(alert.alertId, alert.detectedAt);
        }),
      );
      const admin = this.kafka.admin();
      await admin.connect();
      try {
        return { ...(await timelineBuckets(admin, TOPICS.vehicleState, start, until, buckets, [...firedAt.values()])), retention };
      } finally {
        await admin.disconnect();
      }
    });
  }

  /**
   * One vehicle's trip in [from, to] (default: the last 24 h within retention): its fixes read from
   * the one partition its key lands on, at most TRIP_MAX_FIXES held, summed up and thinned by buildTrip.
   */
  async trip(vehicleId: string, period: { from?: number; to?: number }, signal?: AbortSignal): Promise<Trip> {
    const to = period.to ?? this.now();
    // A second inside retention, so the default still holds when the clock moves on while checking.
    const from = period.from ?? Math.max(to - TRIP_DEFAULT_PERIOD_MS, this.retention().oldestAt + 1_000);
    this.checkMoment(from);
    this.checkMoment(to);
    const { maxFixes, maxPoints, stopMinMs } = this.config.trip;
    const fixes: TripPoint[] = [];
    const full = new AbortController();
    await this.withSession(() =>
      this.read(
        TOPICS.vehicleState,
        from,
        to,
        AbortSignal.any([full.signal, ...(signal ? [signal] : [])]),
        (record) => {
          const state = parseVehicle(record);
          if (state?.vehicleId !== vehicleId) return;
          if (fixes.length >= maxFixes) return full.abort();
          fixes.push(toTripPoint(state));
        },
        vehicleId,
      ).catch((error: unknown) => {
        if (!full.signal.aborted) throw error;
        throw new ReplayError(
          413,
          REPLAY_ERRORS.tooLarge,
          `More than ${maxFixes} fixes of ${vehicleId} in this period (TRIP_MAX_FIXES); pick a shorter period.`,
        );
      }),
    );
    const trip = buildTrip(fixes, { stopMinMs, maxGapMs: this.rules.offlineAfterMs }, maxPoints);
    return { vehicleId, from, to, retention: this.retention(), maxPoints, stopMinMs, ...trip };
  }

  private checkMoment(at: number): void {
    const { oldestAt } = this.retention();
    if (at > this.now() + 1_000)
      throw new ReplayError(400, REPLAY_ERRORS.inTheFuture, `${new Date(at).toISOString()} is in the future; pick a past moment or go back to live.`);
    if (at < oldestAt) {
      throw new ReplayError(
        400,
        REPLAY_ERRORS.outOfRetention,
        `${new Date(at).toISOString()} is outside fleet.vehicle-state's retention; the oldest moment available is ${new Date(oldestAt).toISOString()}.`,
      );
    }
  }

  private async withSession<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.config.maxSessions) {
      throw new ReplayError(
        429,
        REPLAY_ERRORS.busy,
        `${this.active} replays are reading Kafka on this server now (REPLAY_MAX_SESSIONS=${this.config.maxSessions}); try again in a moment.`,
      );
    }
    this.active += 1;
    this.onSessions(this.active);
    try {
      return await work();
    } catch (error) {
      if (error instanceof RangeTooLargeError) throw new ReplayError(413, REPLAY_ERRORS.tooLarge, `${error.message}; pick a shorter span or a slower speed.`);
      throw error;
    } finally {
      this.active -= 1;
      this.onSessions(this.active);
    }
  }

  private read(
    topic: string,
    fromMs: number,
    untilMs: number,
    signal: AbortSignal | undefined,
    onRecord: (record: RangeRecord) => void,
    key?: string,
  ): Promise<number> {
    this.sequence += 1;
    this.logger.debug({ topic, from: new Date(fromMs).toISOString(), until: new Date(untilMs).toISOString(), read: this.sequence, key }, 'replay read');
    return readRange(this.kafka, { topic, fromMs, untilMs, maxRecords: this.config.maxRecords, signal, key }, onRecord);
  }
}

/** A record that breaks the contract was dead-lettered by the live consumer already: the replay skips it. */
function parseVehicle(record: RangeRecord): ReplayVehicle | undefined {
  const parsed = parseMessage(vehicleStateSchema, record.value);
  return parsed.ok ? { ...parsed.value, receivedAt: record.timestamp } : undefined;
}

function pushVehicle(into: ReplayVehicle[], record: RangeRecord): void {
  const state = parseVehicle(record);
  if (state) into.push(state);
}

function applyVehicle(fold: ReplayFold, record: RangeRecord): void {
  const state = parseVehicle(record);
  if (state) fold.applyVehicle(state);
}

function applyAlert(record: RangeRecord, onAlert: (alert: ReplayAlert) => void): void {
  const parsed = parseMessage(alertSchema, record.value);
  if (!parsed.ok || parsed.value.kind !== 'anomaly') return;
  const { alertId, vehicleId, metric, value, severity, detectedAt, state } = parsed.value;
  onAlert({ alertId, vehicleId, metric, value, severity, detectedAt, state });
}
