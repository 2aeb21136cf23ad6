import type { z } from 'zod';

import { alertActionSchema, alertSchema, alertSilenceSchema } from './alerts';
import { badgeSightingSchema, zoneOccupancySchema, zoneSchema } from './campus';
import { fleetSnapshotRecordSchema, rawTelemetrySchema, vehicleSchema, vehicleStateSchema } from './fleet';
import { notificationAttemptSchema } from './notifications';
import { bookSchema, bookstoreSchema, purchaseSchema, salesPerMinuteSchema } from './sales';
import { scenarioCommandSchema } from './simulator-control';
import type { TopicName } from './topics';
import { TOPICS } from './topics';

/**
 * The record contract of every topic, by name. `satisfies Record<TopicName, …>` makes a new topic
 * without a contract a type error, so the JSON Schema export (and the Flink jobs' tests that use
 * it) can never silently miss one.
 */
export const TOPIC_CONTRACTS = {
  [TOPICS.telemetryRaw]: rawTelemetrySchema,
  [TOPICS.vehicles]: vehicleSchema,
  [TOPICS.purchase]: purchaseSchema,
  [TOPICS.bookstore]: bookstoreSchema,
  [TOPICS.book]: bookSchema,
  [TOPICS.badgeSightings]: badgeSightingSchema,
  [TOPICS.zones]: zoneSchema,
  [TOPICS.vehicleState]: vehicleStateSchema,
  [TOPICS.fleetSnapshots]: fleetSnapshotRecordSchema,
  [TOPICS.anomalies]: alertSchema,
  [TOPICS.salesPerMinute]: salesPerMinuteSchema,
  [TOPICS.zoneOccupancy]: zoneOccupancySchema,
  [TOPICS.zoneAlerts]: alertSchema,
  [TOPICS.lagAlerts]: alertSchema,
  [TOPICS.alertActions]: alertActionSchema,
  [TOPICS.alertSilences]: alertSilenceSchema,
  [TOPICS.alertNotifications]: notificationAttemptSchema,
  [TOPICS.externalAlerts]: alertSchema,
  [TOPICS.simulatorControl]: scenarioCommandSchema,
} as const satisfies Record<TopicName, z.ZodType>;
