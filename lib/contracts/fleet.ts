import { z } from 'zod';

import { epochMs, idSchema } from './common';

export const fleetSchema = z.enum(['cabs', 'tankers']);
export type Fleet = z.infer<typeof fleetSchema>;

export const roadConditionSchema = z.enum(['dry', 'wet', 'icy', 'snow', 'roadworks']);

/** `fleet.telemetry.raw`: what a vehicle's IoT unit sends, keyed by vehicleId. */
export const rawTelemetrySchema = z.object({
  vehicleId: idSchema,
  fleet: fleetSchema,
  ts: epochMs,
  lat: z.number().min(-90).max(90),
  lon: z.number().min(-180).max(180),
  speedKmh: z.number().min(0).max(300),
  headingDeg: z.number().min(0).max(360),
  engineTempC: z.number().min(-60).max(250),
  containerTempC: z.number().min(-80).max(200).optional(),
  fuelPct: z.number().min(0).max(100),
  ignition: z.boolean(),
  roadCondition: roadConditionSchema.optional(),
});
export type RawTelemetry = z.infer<typeof rawTelemetrySchema>;

export const cargoSchema = z.enum(['gasoline', 'diesel', 'lpg', 'naphtha']);
export type Cargo = z.infer<typeof cargoSchema>;

/** `fleet.vehicles` (compacted): the registry, keyed by vehicleId. */
export const vehicleSchema = z.object({
  vehicleId: idSchema,
  fleet: fleetSchema,
  plate: z.string().min(1).max(32),
  driver: z.string().min(1).max(128),
  /** E.164, for SMS to the driver (an `sns_configs` receiver with `to_driver: true`). */
  driverPhone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'E.164, e.g. +4915112345678')
    .optional(),
  depot: z.string().min(1).max(128),
  cargo: cargoSchema.optional(),
});
export type Vehicle = z.infer<typeof vehicleSchema>;

export const vehicleStatusSchema = z.enum(['moving', 'idle', 'parked', 'offline']);
export type VehicleStatus = z.infer<typeof vehicleStatusSchema>;
export const VEHICLE_STATUSES = vehicleStatusSchema.options;

/** `fleet.vehicle-state`: telemetry validated and enriched by the `fleet-state` processor. */
export const vehicleStateSchema = rawTelemetrySchema.extend({
  plate: z.string(),
  driver: z.string(),
  depot: z.string().optional(),
  cargo: cargoSchema.optional(),
  status: vehicleStatusSchema,
});
export type VehicleState = z.infer<typeof vehicleStateSchema>;

/**
 * `fleet.snapshots`: every vehicle's newest state at a moment, so a replay reads one snapshot and
 * the seconds after it instead of minutes of fixes. Written by the `fleet-snapshot` Flink job
 * every FLEET_SNAPSHOT_INTERVAL_S, keyed by bucket (a vehicle's bucket: the Java hash of its id
 * modulo `buckets`), one record per bucket and chunk, with the record's Kafka timestamp set to
 * `at`. Snapshot `at` holds, per vehicle, the `fleet.vehicle-state` record with the newest `ts`
 * among those whose Kafka timestamp is at most `at` (records later than the job's watermark
 * bound land in the next snapshot, which is why a replay also reads a little before `at`).
 */
export const fleetSnapshotRecordSchema = z.object({
  at: epochMs,
  bucket: z.number().int().nonnegative(),
  buckets: z.number().int().positive(),
  /** A bucket's vehicles are split over `chunks` records, so none nears Kafka's message size limit. */
  chunk: z.number().int().nonnegative(),
  chunks: z.number().int().positive(),
  vehicles: z.array(
    z.object({
      /** The Kafka timestamp of the vehicle's record on `fleet.vehicle-state`: when it became visible. */
      receivedAt: epochMs,
      /**
       * Since when (a fix's `ts`) the vehicle has reported this same position, and whether a repeat
       * of it claimed motion: the frozen-GPS rule (lib/fleet/freshness.ts StillPositions) needs the
       * history the snapshot stands in for.
       */
      positionSince: epochMs,
      movedWhileStill: z.boolean(),
      state: vehicleStateSchema,
    }),
  ),
});
export type FleetSnapshotRecord = z.infer<typeof fleetSnapshotRecordSchema>;

/**
 * How far before a snapshot's `at` a replay reads fixes again. The job's watermark trails each
 * partition's newest record by 4 s (FleetSnapshotJob.OUT_OF_ORDERNESS), and a record later than
 * that lands in the next snapshot only. One that arrived up to 5 s behind its partition still
 * has a Kafka timestamp within this second before the snapshot, so a scene reads it here.
 */
export const SNAPSHOT_LATENESS_MS = 1_000;
