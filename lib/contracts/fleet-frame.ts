import { z } from 'zod';

import { epochMs, idSchema, severitySchema } from './common';
import { cargoSchema, fleetSchema, roadConditionSchema, vehicleStatusSchema } from './fleet';

export const freshnessSchema = z.enum(['live', 'delayed', 'frozen', 'offline']);

/**
 * How one field of a vehicle travels in a `fleet:update` frame. `digits` rounds a number to what
 * the map and list can show (a 1e-5° position is about a metre), so jitter below that is never
 * sent; `optional` fields travel as `null` when absent. `ts` goes as milliseconds before the
 * frame's `sentAt`, `receivedAt` as milliseconds after the vehicle's `ts`: small numbers, few bytes.
 */
interface FrameField {
  name: string;
  schema: z.ZodType;
  digits?: number;
  optional?: true;
}

const count = z.number().int().nonnegative();
const offsetMs = z.number().int();

/** The order is the wire format: bit `i` of an entry's mask says field `i` follows. Append only. */
export const FRAME_FIELDS = [
  { name: 'fleet', schema: fleetSchema },
  { name: 'plate', schema: z.string() },
  { name: 'driver', schema: z.string() },
  { name: 'depot', schema: z.string(), optional: true },
  { name: 'cargo', schema: cargoSchema, optional: true },
  { name: 'status', schema: vehicleStatusSchema },
  { name: 'freshness', schema: freshnessSchema },
  { name: 'openAlerts', schema: count },
  { name: 'ignition', schema: z.boolean() },
  { name: 'roadCondition', schema: roadConditionSchema, optional: true },
  { name: 'ts', schema: offsetMs },
  { name: 'receivedAt', schema: offsetMs },
  { name: 'lat', schema: z.number().min(-90).max(90), digits: 5 },
  { name: 'lon', schema: z.number().min(-180).max(180), digits: 5 },
  { name: 'speedKmh', schema: z.number().min(0).max(300), digits: 0 },
  { name: 'headingDeg', schema: z.number().min(0).max(360), digits: 0 },
  { name: 'engineTempC', schema: z.number().min(-60).max(250), digits: 1 },
  { name: 'containerTempC', schema: z.number().min(-80).max(200), digits: 1, optional: true },
  { name: 'fuelPct', schema: z.number().min(0).max(100), digits: 0 },
  { name: 'alertSeverity', schema: severitySchema, optional: true },
] as const satisfies readonly FrameField[];

export type FrameFieldName = (typeof FRAME_FIELDS)[number]['name'];

/** Every field set: what a snapshot entry or a vehicle new to the client carries. */
export const FULL_MASK = 2 ** FRAME_FIELDS.length - 1;

/** One changed vehicle: its id, the mask of fields present, then those fields' values in table order. */
export const frameEntrySchema = z.tuple([idSchema, z.number().int().min(1).max(FULL_MASK)], z.union([z.number(), z.string(), z.boolean(), z.null()]));
export type FrameEntry = z.infer<typeof frameEntrySchema>;

/**
 * `fleet:update`. `s`: a snapshot replacing the client's whole fleet (complete entries), else a
 * delta merged into what the client has. `t`: server time (epoch ms); `l`: the BFF's consumer lag
 * in ms when known; `v`: the entries; `r`: ids removed.
 */
export const fleetFrameSchema = z.object({
  s: z.boolean(),
  t: epochMs,
  l: z.number().optional(),
  v: z.array(frameEntrySchema),
  r: z.array(idSchema).optional(),
});
export type FleetFrame = z.infer<typeof fleetFrameSchema>;
