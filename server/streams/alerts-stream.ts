import type { Kafka } from 'kafkajs';
import type { z } from 'zod';

import { alertActionSchema, alertSchema, alertSilenceSchema } from '@/lib/contracts/alerts';
import { TOPICS } from '@/lib/contracts/topics';
import type { Logger } from '@/platform/logger';

import type { AlertStore } from '../alerts/alert-store';
import { startConsumersTogether, startContractConsumer } from '../kafka/contract-consumer';
import type { ContractRecord, RunningConsumer } from '../kafka/contract-consumer';
import type { DeadLetters } from '../kafka/dead-letters';
import type { StreamStats } from '../kafka/stream-stats';

export interface AlertsStreamDeps {
  kafka: Kafka;
  /** This instance's own group prefix (`bff.<id>.alerts`); each topic gets its own group under it, none commits. */
  groupId: string;
  store: AlertStore;
  deadLetters: DeadLetters;
  stats: StreamStats;
  logger: Logger;
}

/**
 * Every alert source, the actions and the silences into the alert store, all from the beginning
 * of retention: the inbox's whole state is these topics, so a restart (or a second instance)
 * rebuilds it exactly. Returns one handle for the five consumers.
 */
export async function startAlertsStream(deps: AlertsStreamDeps): Promise<RunningConsumer> {
  const { store } = deps;
  const common = {
    kafka: deps.kafka,
    commitOffsets: false,
    start: { from: 'earliest' } as const,
    deadLetters: deps.deadLetters,
    stats: deps.stats,
    logger: deps.logger,
  };
  const feeds: { topic: string; schema: z.ZodType; apply: (record: ContractRecord<never>) => void }[] = [
    ...[TOPICS.anomalies, TOPICS.zoneAlerts, TOPICS.lagAlerts, TOPICS.externalAlerts].map((topic) => ({
      topic,
      schema: alertSchema,
      apply: (record: ContractRecord<never>) => store.applyAlert(record.value),
    })),
    { topic: TOPICS.alertActions, schema: alertActionSchema, apply: (record) => store.applyAction(record.value) },
    { topic: TOPICS.alertSilences, schema: alertSilenceSchema, apply: (record) => store.applySilence(record.value) },
  ];
  for (const feed of feeds) deps.stats.track(feed.topic);
  return startConsumersTogether(
    feeds.map(
      (feed) => () =>
        startContractConsumer({
          ...common,
          groupId: `${deps.groupId}.${feed.topic}`,
          topic: feed.topic,
          schema: feed.schema,
          onBatch: (records) => records.forEach((record) => feed.apply(record as ContractRecord<never>)),
        }),
    ),
  );
}
