import { z } from 'zod';

import { epochMs, idSchema, severitySchema } from './common';

const normalBandSchema = z.union([
  z.object({ mean: z.number(), std: z.number().nonnegative() }),
  z.object({ min: z.number(), max: z.number() }),
]);

const alertBase = z.object({
  alertId: idSchema,
  metric: z.string().min(1),
  value: z.number(),
  normal: normalBandSchema,
  startedAt: epochMs,
  detectedAt: epochMs,
  severity: severitySchema,
  state: z.enum(['firing', 'cleared']),
});

/** `fleet.anomalies`, `campus.zone-alerts`, `platform.lag-alerts`: one alert shape, keyed by alertId. */
export const alertSchema = z.discriminatedUnion('kind', [
  alertBase.extend({ kind: z.literal('anomaly'), team: z.literal('fleet'), vehicleId: idSchema }),
  alertBase.extend({ kind: z.literal('capacity'), team: z.literal('security'), zoneId: idSchema }),
  alertBase.extend({ kind: z.literal('consumer-lag'), team: z.literal('platform'), groupId: z.string().min(1) }),
]);
export type Alert = z.infer<typeof alertSchema>;
export type Team = Alert['team'];

/** `alerts.actions` (never compacted: it is the audit trail), keyed by alertId. */
export const alertActionSchema = z.object({
  actionId: idSchema,
  alertId: idSchema,
  action: z.enum(['ack', 'assign', 'snooze', 'resolve', 'reopen', 'note']),
  by: z.string().min(1),
  at: epochMs,
  assignee: z.string().optional(),
  until: epochMs.optional(),
  note: z.string().max(4000).optional(),
});
export type AlertAction = z.infer<typeof alertActionSchema>;
