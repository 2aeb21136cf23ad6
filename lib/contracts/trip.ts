import { z } from 'zod';

import { epochMs, idSchema } from './common';
import { vehicleStateSchema } from './fleet';
import { momentSchema, retentionSchema } from './replay';

/**
 * A vehicle's trip history (`/api/fleet/vehicles/:id/trip`): its fixes on `fleet.vehicle-state`
 * in a period, read from Kafka by time (only the partition its key lands on), with the stops,
 * distance, driving and idle time worked out from every fix and the route thinned to a bound.
 */

export const TRIP_FORMATS = ['json', 'csv', 'geojson'] as const;
export type TripFormat = (typeof TRIP_FORMATS)[number];

/** Without `from`/`to`: the last 24 hours (or as much of them as retention keeps). */
export const TRIP_DEFAULT_PERIOD_MS = 24 * 3_600_000;

/** `GET /api/fleet/vehicles/:id/trip?from=&to=&format=`: the id from the path, the rest from the query. */
export const tripQuerySchema = z
  .object({ id: idSchema, from: momentSchema.optional(), to: momentSchema.optional(), format: z.enum(TRIP_FORMATS).default('json') })
  .strict()
  .refine((q) => q.from === undefined || q.to === undefined || q.to > q.from, 'to must be after from');
export type TripQuery = z.output<typeof tripQuerySchema>;

/** One fix of the route: where, how fast, and the temperatures the charts show. */
const TRIP_POINT_FIELDS = { ts: true, lat: true, lon: true, speedKmh: true, engineTempC: true, containerTempC: true, ignition: true, status: true } as const;
export const tripPointSchema = vehicleStateSchema.pick(TRIP_POINT_FIELDS);
export type TripPoint = z.infer<typeof tripPointSchema>;

/** A span standing still (or with the ignition off) at least TRIP_STOP_MIN_S long. */
export const tripStopSchema = z.object({
  start: epochMs,
  end: epochMs,
  durationMs: z.number().int().nonnegative(),
  lat: z.number(),
  lon: z.number(),
  /** The ignition was off during part of the stop (parked rather than waiting). */
  ignitionOff: z.boolean(),
});
export type TripStop = z.infer<typeof tripStopSchema>;

export const tripSummarySchema = z.object({
  distanceKm: z.number().nonnegative(),
  /** Time between fixes while moving; a silence longer than FLEET_OFFLINE_AFTER_S counts as neither. */
  drivingMs: z.number().int().nonnegative(),
  /** Time between fixes standing still with the ignition on. */
  idleMs: z.number().int().nonnegative(),
  stops: z.number().int().nonnegative(),
});
export type TripSummary = z.infer<typeof tripSummarySchema>;

export const tripSchema = z.object({
  vehicleId: idSchema,
  from: epochMs,
  to: epochMs,
  retention: retentionSchema,
  /** Fixes of the vehicle in the period: the summary and stops are worked out from all of them. */
  fixes: z.number().int().nonnegative(),
  /** True when `points` holds fewer than `fixes`: the route was thinned evenly to TRIP_MAX_POINTS. */
  downsampled: z.boolean(),
  maxPoints: z.number().int().positive(),
  stopMinMs: z.number().int().nonnegative(),
  points: z.array(tripPointSchema),
  stops: z.array(tripStopSchema),
  summary: tripSummarySchema,
});
export type Trip = z.infer<typeof tripSchema>;
