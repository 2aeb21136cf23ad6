import { z } from 'zod';

import { epochMs, idSchema, isoDateTime } from './common';

/** `campus.badge-sightings`, keyed by sensorId; badgeId is an anonymous hash. */
export const badgeSightingSchema = z.object({ sensorId: idSchema, badgeId: z.string().min(1).max(128), ts: epochMs });
export type BadgeSighting = z.infer<typeof badgeSightingSchema>;

const pointSchema = z.tuple([z.number(), z.number()]);

/** Zone outline on the campus plan, in plan units (metres from the plan's origin). */
export const zoneShapeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('rect'), x: z.number(), y: z.number(), width: z.number().positive(), height: z.number().positive() }),
  z.object({ type: z.literal('polygon'), points: z.array(pointSchema).min(3) }),
]);
export type ZoneShape = z.infer<typeof zoneShapeSchema>;

/** `campus.zones` (compacted), keyed by zoneId. */
export const zoneSchema = z.object({
  zoneId: idSchema,
  name: z.string(),
  capacity: z.number().int().positive(),
  sensors: z.array(idSchema),
  shape: zoneShapeSchema,
});
export type Zone = z.infer<typeof zoneSchema>;

/** `campus.zone-occupancy`, keyed `zoneId|windowStart`. */
export const zoneOccupancySchema = z.object({
  zoneId: idSchema,
  name: z.string(),
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  window: z.enum(['15m', 'live']),
  uniqueBadges: z.number().int().nonnegative(),
  sightings: z.number().int().nonnegative(),
  capacity: z.number().int().positive(),
  final: z.boolean(),
});
export type ZoneOccupancy = z.infer<typeof zoneOccupancySchema>;
