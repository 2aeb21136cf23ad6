import type { Kafka } from 'kafkajs';

import { ZONES_REPLAY_HOURS } from '@/lib/api/zones';
import { alertSchema } from '@/lib/contracts/alerts';
import { zoneOccupancySchema, zoneSchema } from '@/lib/contracts/campus';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import { startConsumersTogether, startContractConsumer } from '../kafka/contract-consumer';
import type { RunningConsumer } from '../kafka/contract-consumer';
import type { DeadLetters } from '../kafka/dead-letters';
import type { StreamStats } from '../kafka/stream-stats';
import type { ZoneStore } from '../zones/zone-store';

export interface ZonesStreamDeps {
  kafka: Kafka;
  /** This instance's own group prefix (`bff.<id>.zones`); each topic gets its own group under it, none commits. */
  groupId: string;
  store: ZoneStore;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
}

/**
 * The campus into the zone store: the zones table and the zone alerts from the beginning of
 * retention (the alerts firing now may have started days ago), occupancy from a few hours back
 * (the trend's reach). Returns one handle for the three consumers.
 */
export async function startZonesStream(deps: ZonesStreamDeps): Promise<RunningConsumer> {
  const { store } = deps;
  const common = { kafka: deps.kafka, commitOffsets: false, deadLetters: deps.deadLetters, stats: deps.stats, logger: deps.logger };
  for (const topic of [TOPICS.zones, TOPICS.zoneOccupancy, TOPICS.zoneAlerts]) deps.stats.track(topic);
  return startConsumersTogether([
    () =>
      startContractConsumer({
        ...common,
        groupId: `${deps.groupId}.table`,
        topic: TOPICS.zones,
        schema: zoneSchema,
        start: { from: 'earliest' },
        onBatch: (records) => records.forEach((record) => store.upsertZone(record.value)),
        onTombstone: (zoneId) => store.removeZone(zoneId),
      }),
    () =>
      startContractConsumer({
        ...common,
        groupId: `${deps.groupId}.occupancy`,
        topic: TOPICS.zoneOccupancy,
        schema: zoneOccupancySchema,
        start: { from: 'time', sinceMs: Date.now() - ZONES_REPLAY_HOURS * 3_600_000 },
        onBatch: (records) => records.forEach((record) => store.applyOccupancy(record.value)),
      }),
    () =>
      startContractConsumer({
        ...common,
        groupId: `${deps.groupId}.alerts`,
        topic: TOPICS.zoneAlerts,
        schema: alertSchema,
        start: { from: 'earliest' },
        onBatch: (records) => records.forEach((record) => store.applyAlert(record.value)),
      }),
  ]);
}
