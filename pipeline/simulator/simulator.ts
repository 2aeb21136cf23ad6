import type { Kafka, TopicMessages } from 'kafkajs';
import { Partitioners } from 'kafkajs';

import { TOPICS, productTopicSpecs } from '@/lib/contracts/topics';
import { createKafka } from '@/platform/kafka/client';
import type { KafkaConnectionConfig } from '@/platform/kafka/settings';
import { ensureTopics } from '@/platform/kafka/topics';
import type { Logger } from '@/platform/logger';

import type { DemoArchiver } from './archiver';
import { startArchiver } from './archiver';
import type { SimulatorModels } from './assemble';
import { createModels, produceTick } from './assemble';
import type { SimulatorOptions } from './cli-options';
import type { ControlConsumer } from './control-consumer';
import { controlGroupId, startControlConsumer } from './control-consumer';
import { keyedMessages, vehicleMessages, writeTables, zoneMessages } from './outgoing';
import { startProducerLoop } from './producer-loop';
import { deriveSeed, mulberry32 } from './random';
import { ScenarioController } from './scenario-controller';

const TICK_MS = 100;

export interface RunningSimulator {
  stop(): Promise<void>;
}

/** Ensures the topics, writes the tables, then produces every raw stream until stopped. */
export async function startSimulator(kafkaConfig: KafkaConnectionConfig, options: SimulatorOptions, logger: Logger): Promise<RunningSimulator> {
  const startMs = Date.now();
  const models = createModels(options, startMs);
  logSummary(logger, options, models);
  const kafka = createKafka(kafkaConfig, 'simulator');
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, productTopicSpecs(kafkaConfig), kafkaConfig.topicReplicationFactor, logger);
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  await writeTables(producer, initialTables(models));
  logger.info({ vehicles: models.fleet.registry.length, zones: models.campus.zones.length }, 'tables written');
  const consumers = await startConsumers(kafka, options, models, logger, startMs);
  // Start-up (topics, tables, consumer groups joining) takes seconds: begin the fleet's schedule
  // now, or every vehicle would be overdue at once and the first tick would carry the whole fleet.
  models.fleet.restartSchedule(Date.now());
  const loop = startProducerLoop({ producer, tickMs: TICK_MS, logger, produce: (nowMs, wallDtS) => produceTick(models, consumers.controller, nowMs, wallDtS) });
  return {
    stop: async () => {
      await loop.stop();
      await Promise.allSettled([consumers.control.stop(), consumers.archiver?.stop()]);
      await producer.disconnect();
    },
  };
}

function initialTables(models: SimulatorModels): TopicMessages[] {
  const catalogue = models.bookstore.initial();
  return [
    vehicleMessages(models.fleet.registry),
    keyedMessages(TOPICS.bookstore, catalogue.bookstores),
    keyedMessages(TOPICS.book, catalogue.books),
    zoneMessages(models.campus.zones),
  ];
}

async function startConsumers(kafka: Kafka, options: SimulatorOptions, models: SimulatorModels, logger: Logger, startMs: number) {
  const archiver: DemoArchiver | undefined = options.archiver ? await startArchiver(kafka, logger) : undefined;
  const targets = {
    pickVehicle: models.fleet.pickVehicle,
    fleetOf: models.fleet.fleetOf,
    zoneIds: models.campus.zones.map((zone) => zone.zoneId),
    archiver,
  };
  const rng = mulberry32(deriveSeed(options.seed, 'scenarios'));
  const controller = new ScenarioController(models.board, targets, rng, logger, startMs);
  const groupId = controlGroupId(startMs);
  const control: ControlConsumer = await startControlConsumer(kafka, groupId, (command) => controller.handle(command, Date.now()), logger);
  logger.info({ groupId, topic: TOPICS.simulatorControl, archiver: archiver ? 'demo.telemetry-archiver' : 'off' }, 'listening for scenario commands');
  return { archiver, control, controller };
}

function logSummary(logger: Logger, options: SimulatorOptions, models: SimulatorModels): void {
  const { seed, cabs, tankers, telemetryIntervalMs, purchasesPerS, sightingsPerS, speedup } = options;
  const fixesPerS = Math.round(((cabs + tankers) * 1_000) / telemetryIntervalMs);
  logger.info(
    {
      seed,
      cabs,
      tankers,
      telemetryIntervalMs,
      fixesPerS,
      purchasesPerS,
      sightingsPerS,
      speedup,
      junctions: models.fleet.world.city.junctions.length,
      badges: models.campus.badgeIds.length,
    },
    `simulator: ${cabs} cabs + ${tankers} tankers in Rotterdam (${fixesPerS} fixes/s), ${purchasesPerS} purchases/s, ` +
      `${sightingsPerS} sightings/s from ${models.campus.badgeIds.length} badges, simulated time x${speedup}, seed ${seed}`,
  );
}
