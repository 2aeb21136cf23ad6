import type { BadgeSighting, Zone } from '@/lib/contracts/campus';
import { badgeSightingSchema, zoneSchema } from '@/lib/contracts/campus';
import { TOPICS } from '@/lib/contracts/topics';
import { getConfig } from '@/server/config';
import type { ContractRecord } from '@/server/kafka/contract-consumer';
import { KafkaTable } from '@/server/kafka/kafka-table';

import { readPreviousAlerts } from '../../runtime/previous-alerts';
import type { OutputRecord, ProcessingRejection, ProcessorContext, ProcessorDefinition, ProcessResult } from '../../runtime/processor';
import { processorGroupId } from '../../runtime/processor';
import { rewindGroupToEarliest } from '../../runtime/rewind';

import type { CapacityAlertOptions } from './capacity-alerts';
import { CapacityAlerts } from './capacity-alerts';
import { EventClock } from './event-clock';
import { LiveOccupancy } from './live-occupancy';
import { occupancyKey, ZoneWindows } from './windows';
import type { ZoneRef } from './windows';
import { indexSensors, ReplayTracker } from './zone-index';

export interface OccupancyOptions extends CapacityAlertOptions {
  /** A sighting may arrive this long after the newest one and still count in its 15-minute window. */
  allowedLatenessMs: number;
  idlePartitionMs: number;
  /** How often the live figure (and the alerts on it) and the open windows' partial rows are written. */
  liveEveryMs: number;
  /** A sensor missing from the zones table may be a zone not loaded yet: wait this long before rejecting. */
  unknownSensorWaitMs: number;
}

/** A sighting this far ahead of both the wall clock and the stream is a sensor with a broken clock. */
const MAX_AHEAD_MS = 60 * 60_000;
/** Bounds the sightings held for an unknown sensor, because a misconfigured sensor never resolves. */
const MAX_PENDING = 10_000;
const LIVE_GRID_MS = 10_000;

type Rejection = ProcessingRejection<BadgeSighting>;
interface Pending {
  record: ContractRecord<BadgeSighting>;
  deadline: number;
}

/** `campus.badge-sightings` + `campus.zones` → `campus.zone-occupancy` and `campus.zone-alerts`. */
export function occupancyProcessor(options: OccupancyOptions = occupancyOptionsFromConfig()): ProcessorDefinition<typeof badgeSightingSchema> {
  const zones = new KafkaTable<Zone>();
  const clock = new EventClock(options);
  const windows = new ZoneWindows();
  const live = new LiveOccupancy();
  const alerts = new CapacityAlerts(options);
  let replay = new ReplayTracker(new Map(), 0);
  let pending: Pending[] = [];

  const count = (record: ContractRecord<BadgeSighting>, zone: ZoneRef, now: number): Rejection | undefined => {
    const { badgeId, ts } = record.value;
    if (windows.isTooLate(ts)) {
      return { record, reason: `too-late: sighting at ${new Date(ts).toISOString()} belongs to a 15-minute window already reported as final` };
    }
    clock.observe(record.partition, ts, now);
    windows.add(zone, badgeId, ts);
    live.add(badgeId, zone.zoneId, ts);
    return undefined;
  };

  const accept = (record: ContractRecord<BadgeSighting>, sensors: Map<string, ZoneRef>, now: number): Rejection | undefined => {
    replay.consumed(record.partition, record.offset, record.timestamp);
    if (record.value.ts > Math.max(now, clock.newest()) + MAX_AHEAD_MS) {
      return { record, reason: `future-timestamp: sighting at ${new Date(record.value.ts).toISOString()} is more than an hour ahead` };
    }
    const zone = sensors.get(record.value.sensorId);
    if (zone) return count(record, zone, now);
    if (pending.length >= MAX_PENDING) return unknownSensor(record);
    pending.push({ record, deadline: now + options.unknownSensorWaitMs });
    return undefined;
  };

  const resolvePending = (sensors: Map<string, ZoneRef>, now: number): Rejection[] => {
    const rejected: Rejection[] = [];
    const waiting: Pending[] = [];
    for (const item of pending) {
      const zone = sensors.get(item.record.value.sensorId);
      const rejection = zone ? count(item.record, zone, now) : now >= item.deadline ? unknownSensor(item.record) : undefined;
      if (rejection) rejected.push(rejection);
      else if (!zone) waiting.push(item);
    }
    pending = waiting;
    return rejected;
  };

  // A held sighting may still belong to the oldest open window: that window waits for it.
  const watermark = (now: number): number => Math.min(clock.watermark(now), ...pending.map((item) => item.record.value.ts));

  const windowRows = (now: number, withPartials: boolean): OutputRecord[] =>
    windows.collect(watermark(now), withPartials).map((row) => ({ topic: TOPICS.zoneOccupancy, key: occupancyKey(row), value: row }));

  const liveOutputs = (now: number): OutputRecord[] => {
    // Event time may run ahead of the wall clock (a simulator with --speedup); when input is quiet, wall time moves it on.
    const liveNow = Math.max(now, clock.newest());
    const zoneRefs = [...zones.values()].map(({ zoneId, name, capacity }) => ({ zoneId, name, capacity }));
    const rows = live.rows(zoneRefs, liveNow);
    const evaluatedAt = Math.floor(liveNow / LIVE_GRID_MS) * LIVE_GRID_MS;
    const outputs: OutputRecord[] = rows.map((row) => ({ topic: TOPICS.zoneOccupancy, key: occupancyKey(row), value: row }));
    for (const row of rows) {
      const alert = alerts.evaluate(row, row.uniqueBadges, evaluatedAt, now);
      if (alert) outputs.push({ topic: TOPICS.zoneAlerts, key: alert.alertId, value: alert });
    }
    return outputs;
  };

  return {
    name: 'occupancy',
    input: { topic: TOPICS.badgeSightings, schema: badgeSightingSchema },
    async setup(context) {
      await loadZones(context, zones);
      alerts.restore(await readPreviousAlerts(context, TOPICS.zoneAlerts, `processor.occupancy.alerts.${context.instanceId}`));
      const startedAt = Date.now();
      const ends = await rewindToEarliest(context);
      replay = new ReplayTracker(ends, startedAt);
      clock.expect([...ends].filter(([, end]) => end > 0n).map(([partition]) => partition), Date.now());
      context.logger.info({ zones: zones.size, ...options }, 'zones loaded; re-reading sightings from the beginning of retention');
    },
    process(records): ProcessResult<BadgeSighting> {
      const now = Date.now();
      const sensors = indexSensors(zones.values());
      const rejected = resolvePending(sensors, now);
      for (const record of records) {
        const rejection = accept(record, sensors, now);
        if (rejection) rejected.push(rejection);
      }
      return { outputs: windowRows(now, false), rejected };
    },
    tick: {
      intervalMs: options.liveEveryMs,
      run: (now) => {
        const rejected = resolvePending(indexSensors(zones.values()), now);
        const outputs = windowRows(now, true);
        return { outputs: replay.caughtUp ? [...outputs, ...liveOutputs(now)] : outputs, rejected };
      },
    },
    close: () => zones.stop(),
  };
}

function unknownSensor(record: ContractRecord<BadgeSighting>): Rejection {
  return { record, reason: `unknown-sensor: sensor ${record.value.sensorId} is in no zone of ${TOPICS.zones}` };
}

function loadZones(context: ProcessorContext, zones: KafkaTable<Zone>): Promise<void> {
  return zones.start({
    kafka: context.kafka,
    topic: TOPICS.zones,
    schema: zoneSchema,
    groupId: `processor.occupancy.zones.${context.instanceId}`,
    deadLetters: context.deadLetters,
    stats: context.stats,
    logger: context.logger,
  });
}


/**
 * Window state lives in memory, so resuming from committed offsets would rewrite the windows
 * open at the stop with only their later part. Every start recomputes from the beginning of
 * retention instead: outputs are keyed upserts, so writing a window again with the same figures
 * is harmless. Returns each partition's end offset at start (0 for an empty partition).
 */
async function rewindToEarliest(context: ProcessorContext): Promise<Map<number, bigint>> {
  const spans = await rewindGroupToEarliest(context.kafka, processorGroupId('occupancy'), TOPICS.badgeSightings);
  return new Map(spans.map((span) => [span.partition, span.high > span.low ? span.high : 0n]));
}

function occupancyOptionsFromConfig(): OccupancyOptions {
  const { occupancy } = getConfig();
  return { ...occupancy, allowedLatenessMs: 60_000, idlePartitionMs: 30_000, liveEveryMs: 10_000, unknownSensorWaitMs: 10_000 };
}
