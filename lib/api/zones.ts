import { z } from 'zod';

import { zoneShapeSchema } from '../contracts/campus';
import { epochMs, idSchema, isoDateTime, severitySchema } from '../contracts/common';

/** The BFF reads this many hours of occupancy at start: the trend's reach. */
export const ZONES_REPLAY_HOURS = 6;
export const ZONE_WINDOW_MINUTES = 15;
/** Past windows per zone the page asks for (and the socket pushes): the last four hours. */
export const DEFAULT_PAST_WINDOWS = 16;
export const MAX_PAST_WINDOWS = (ZONES_REPLAY_HOURS * 60) / ZONE_WINDOW_MINUTES;

/** `GET /api/zones/occupancy?windows=`: how many past 15-minute windows per zone. */
export const zonesQuerySchema = z.object({
  windows: z.coerce.number().int().min(1).max(MAX_PAST_WINDOWS).default(DEFAULT_PAST_WINDOWS),
});

export const zoneWindowSchema = z.object({
  windowStart: isoDateTime,
  windowEnd: isoDateTime,
  uniqueBadges: z.number().int().nonnegative(),
  sightings: z.number().int().nonnegative(),
  final: z.boolean(),
});
export type ZoneWindow = z.infer<typeof zoneWindowSchema>;

const zoneAlertSchema = z.object({ alertId: idSchema, severity: severitySchema, startedAt: epochMs, value: z.number() });
export type ZoneAlertState = z.infer<typeof zoneAlertSchema>;

export const zoneViewSchema = z.object({
  zoneId: z.string(),
  name: z.string(),
  capacity: z.number().int().positive(),
  shape: zoneShapeSchema,
  /** Badges whose latest sighting in the last 15 minutes was here; null before the first live figure. */
  live: z.object({ uniqueBadges: z.number().int().nonnegative(), sightings: z.number().int().nonnegative(), at: isoDateTime }).nullable(),
  /** Live count against capacity, in percent (0 without a live figure). */
  occupancyPct: z.number().nonnegative(),
  /** The open 15-minute window (partial), if it has sightings here. */
  current: zoneWindowSchema.nullable(),
  /** Closed or closing windows before the current one, oldest first. */
  windows: z.array(zoneWindowSchema),
  /** The capacity alert firing for this zone now, if any. */
  alert: zoneAlertSchema.nullable(),
});
export type ZoneView = z.infer<typeof zoneViewSchema>;

export const zonesResponseSchema = z.object({
  /** Most concentrated first (live count against capacity), ties by zone id. */
  zones: z.array(zoneViewSchema),
  /** The open window: the 15-minute report is final some time after its end. */
  currentWindow: z.object({ windowStart: isoDateTime, windowEnd: isoDateTime }),
  /** The newest window that is final in every zone that had sightings: the last report. */
  lastReport: z.object({ windowStart: isoDateTime, windowEnd: isoDateTime }).nullable(),
  serverTime: z.number(),
});
export type ZonesResponse = z.infer<typeof zonesResponseSchema>;
