import type { Kafka } from 'kafkajs';

import { vehicleStateSchema } from '@/lib/contracts/fleet';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import type { FleetStore } from '../fleet/fleet-store';
import { startContractConsumer } from '../kafka/contract-consumer';
import type { RunningConsumer } from '../kafka/contract-consumer';
import type { DeadLetters } from '../kafka/dead-letters';
import type { StreamStats } from '../kafka/stream-stats';

/**
 * `fleet.vehicle-state` into the live fleet. Starts a few minutes back so every vehicle and its
 * recent history show at once, and never commits: the group is this instance's own.
 */
export function startFleetStream(deps: {
  kafka: Kafka;
  groupId: string;
  replayMinutes: number;
  fleet: FleetStore;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
}): Promise<RunningConsumer> {
  deps.stats.track(TOPICS.vehicleState);
  return startContractConsumer({
    kafka: deps.kafka,
    groupId: deps.groupId,
    topic: TOPICS.vehicleState,
    schema: vehicleStateSchema,
    start: { from: 'time', sinceMs: Date.now() - deps.replayMinutes * 60_000 },
    commitOffsets: false,
    deadLetters: deps.deadLetters,
    stats: deps.stats,
    logger: deps.logger,
    onBatch: (records) => {
      const receivedAt = Date.now();
      let newestAppend = 0;
      for (const record of records) {
        deps.fleet.apply(record.value, receivedAt);
        newestAppend = Math.max(newestAppend, record.timestamp);
      }
      if (newestAppend > 0) deps.fleet.consumerLagMs = Math.max(0, receivedAt - newestAppend);
    },
  });
}
