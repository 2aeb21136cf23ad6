import { z } from 'zod';

import { ALERT_STATES } from './alerts';
import { epochMs, idSchema, isoDateTime, severitySchema } from './common';
import { vehicleStateSchema } from './fleet';

/**
 * Time travel on the fleet page (`/api/fleet/replay*`): the fleet as it was at a moment of
 * `fleet.vehicle-state`'s retention, read from Kafka by time. A moment is "what had been written
 * to the topic by then": records are chosen by their Kafka timestamp, and a vehicle's state is its
 * fix with the newest `ts` among them (a late fix never replaces a newer one, as in the live view).
 */

/** A moment in a query: ISO-8601 with an offset (`?at=2026-12-03T10:00:00Z`). */
export const momentSchema = isoDateTime.transform((value) => Date.parse(value));

/** `GET /api/fleet/replay?at=`: the scene at one moment. */
export const replaySceneQuerySchema = z.object({ at: momentSchema }).strict();

/** `GET /api/fleet/replay/steps?from=&until=&stepMs=`: what changed after `from`, coalesced per step, for playback. */
export const replayStepsQuerySchema = z
  .object({ from: momentSchema, until: momentSchema, stepMs: z.coerce.number().int().min(100).max(3_600_000) })
  .strict()
  .refine((q) => q.until > q.from, 'until must be after from')
  .refine((q) => q.until - q.from <= 6 * 3_600_000, 'at most 6 hours per request')
  .refine((q) => (q.until - q.from) / q.stepMs <= 2_000, 'at most 2,000 steps per request');

/** `GET /api/fleet/replay/timeline?from=&until=`: records and alerts per bucket, for the timeline under the map. */
export const replayTimelineQuerySchema = z
  .object({ from: momentSchema, until: momentSchema, buckets: z.coerce.number().int().min(2).max(500).default(120) })
  .strict()
  .refine((q) => q.until > q.from, 'until must be after from');

/** A vehicle's state in a replay: the processed state plus when it reached Kafka (the live view's receipt time). */
export const replayVehicleSchema = vehicleStateSchema.extend({ receivedAt: epochMs });
export type ReplayVehicle = z.infer<typeof replayVehicleSchema>;

/** A vehicle in a scene also says since when it stood at its position, so the page marks a frozen GPS at the moment, as the live view did. */
export const replaySceneVehicleSchema = replayVehicleSchema.extend({ positionSince: epochMs, movedWhileStill: z.boolean() });
export type ReplaySceneVehicle = z.infer<typeof replaySceneVehicleSchema>;

/** An anomaly alert as the replay needs it: which vehicle, what, and whether it was firing, paused by context (inhibited) or cleared. */
export const replayAlertSchema = z.object({
  alertId: idSchema,
  vehicleId: idSchema,
  metric: z.string(),
  value: z.number(),
  severity: severitySchema,
  detectedAt: epochMs,
  state: z.enum(ALERT_STATES),
});
export type ReplayAlert = z.infer<typeof replayAlertSchema>;

export const retentionSchema = z.object({
  /** FLEET_STATE_RETENTION_H, as fleet.vehicle-state is created with. */
  retentionMs: z.number().int().positive(),
  /** The oldest moment a replay may ask for now. */
  oldestAt: epochMs,
});
export type Retention = z.infer<typeof retentionSchema>;

/** The BFF's freshness rules, so the browser marks offline / delayed / frozen as the live view does. */
export const freshnessRulesSchema = z.object({ offlineAfterMs: z.number(), delayedAfterMs: z.number(), frozenAfterMs: z.number() });

export const replaySceneSchema = z.object({
  at: epochMs,
  retention: retentionSchema,
  rules: freshnessRulesSchema,
  /** How far before `at` is read to find each vehicle's last state when no snapshot is found (REPLAY_LOOKBACK_S). */
  lookbackMs: z.number().int().nonnegative(),
  /** The snapshot of fleet.snapshots the scene started from (its oldest bucket's); absent when none was found and the lookback was read. */
  snapshotAt: epochMs.optional(),
  vehicles: z.array(replaySceneVehicleSchema),
  /** Alerts firing at `at`. */
  alerts: z.array(replayAlertSchema),
  /** Records read to build the scene. */
  records: z.number().int().nonnegative(),
});
export type ReplayScene = z.infer<typeof replaySceneSchema>;

/**
 * A vehicle in a step: its newest fix in the step; from a snapshot (fast playback) every vehicle
 * with its still-position timing, which the page takes over as it does a scene's.
 */
export const replayStepVehicleSchema = replayVehicleSchema.extend({ positionSince: epochMs.optional(), movedWhileStill: z.boolean().optional() });
export type ReplayStepVehicle = z.infer<typeof replayStepVehicleSchema>;

/** One step of playback: every vehicle that reported in it (its newest fix) and every alert change, in Kafka order. */
export const replayStepSchema = z.object({ at: epochMs, vehicles: z.array(replayStepVehicleSchema), alerts: z.array(replayAlertSchema) });
export type ReplayStep = z.infer<typeof replayStepSchema>;

/**
 * Steps for (from, until]. `until` may be earlier than asked when fast playback is served from
 * fleet.snapshots: up to the newest complete snapshot on the steps' grid, at most 10 steps (each
 * the whole fleet); the page asks on from there.
 * `stepMs` is the step length served: the one asked for, or a multiple of FLEET_SNAPSHOT_INTERVAL_S.
 */
export const replayStepsSchema = z.object({ from: epochMs, until: epochMs, stepMs: z.number().int(), steps: z.array(replayStepSchema) });
export type ReplaySteps = z.infer<typeof replayStepsSchema>;

export const timelineBucketSchema = z.object({
  start: epochMs,
  /** Records of fleet.vehicle-state written in the bucket: 0 means data is missing there. */
  records: z.number().int().nonnegative(),
  /** Alerts that started firing in the bucket. */
  alertsFired: z.number().int().nonnegative(),
});
export const replayTimelineSchema = z.object({
  from: epochMs,
  until: epochMs,
  bucketMs: z.number().int().positive(),
  retention: retentionSchema,
  buckets: z.array(timelineBucketSchema),
});
export type ReplayTimeline = z.infer<typeof replayTimelineSchema>;

/** Error codes of the replay routes, beyond the usual ones: the browser words each for people. */
export const REPLAY_ERRORS = {
  outOfRetention: 'out_of_retention',
  inTheFuture: 'in_the_future',
  busy: 'replay_busy',
  tooLarge: 'replay_too_large',
  /** The BFF's replay worker stopped mid-request; the next request starts a new one. */
  unavailable: 'replay_unavailable',
} as const;
