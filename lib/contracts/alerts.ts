import { z } from 'zod';

import { epochMs, idSchema, severitySchema } from './common';
import { fleetSchema } from './fleet';

export const ALERT_STATES = ['firing', 'inhibited', 'cleared'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
export const INHIBIT_REASONS = ['ignition-off', 'offline'] as const;
export type InhibitReason = (typeof INHIBIT_REASONS)[number];

const normalBandSchema = z.union([z.object({ mean: z.number(), std: z.number().nonnegative() }), z.object({ min: z.number(), max: z.number() })]);

const alertBase = z.object({
  alertId: idSchema,
  metric: z.string().min(1),
  value: z.number(),
  normal: normalBandSchema,
  startedAt: epochMs,
  detectedAt: epochMs,
  severity: severitySchema,
  /**
   * `firing`: the condition holds; `inhibited`: context paused the episode while the fault may go
   * on (`reason` says which: ignition off, unit offline), so it is not over and may resume under
   * the same id; `cleared`: readings are back in band, the episode is over.
   */
  state: z.enum(ALERT_STATES),
  reason: z.enum(INHIBIT_REASONS).optional(),
});

/** `fleet.anomalies`, `campus.zone-alerts`, `platform.lag-alerts`, `alerts.external`: one alert shape, keyed by alertId. */
export const alertSchema = z.discriminatedUnion('kind', [
  // fleet and plate are optional context (older producers omit them): filters, silences and search use them.
  alertBase.extend({
    kind: z.literal('anomaly'),
    team: z.literal('fleet'),
    vehicleId: idSchema,
    fleet: fleetSchema.optional(),
    plate: z.string().max(32).optional(),
  }),
  alertBase.extend({ kind: z.literal('capacity'), team: z.literal('security'), zoneId: idSchema }),
  alertBase.extend({ kind: z.literal('consumer-lag'), team: z.literal('platform'), groupId: z.string().min(1) }),
  // `alerts.external`: alerts from Prometheus, Grafana or another Alertmanager (POST /api/v2/alerts), with their own labels.
  alertBase.extend({
    kind: z.literal('external'),
    team: z.enum(['fleet', 'security', 'platform']),
    source: z.string().min(1).max(64),
    labels: z.record(z.string(), z.string().max(1_000)),
    annotations: z.record(z.string(), z.string().max(4_000)),
    generatorURL: z.string().max(2_000).optional(),
  }),
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

/** Teams, in display order: every alert carries one. */
export const TEAMS = ['fleet', 'security', 'platform'] as const satisfies readonly Team[];

/**
 * `alerts.silences`, keyed by silenceId: the latest record of a silence is its state. A silence
 * suppresses the alerts of its team that match every field it sets, until it expires or is lifted.
 */
export const alertSilenceSchema = z.object({
  silenceId: idSchema,
  team: z.enum(['fleet', 'security', 'platform']),
  fleet: fleetSchema.optional(),
  vehicleId: idSchema.optional(),
  /** Security: one zone's capacity alerts. */
  zoneId: idSchema.optional(),
  /** Platform: one consumer group's lag alerts. */
  groupId: z.string().min(1).max(256).optional(),
  metric: z.string().min(1).max(64).optional(),
  reason: z.string().trim().min(3).max(1000),
  createdBy: z.string().min(1),
  createdAt: epochMs,
  expiresAt: epochMs,
  liftedBy: z.string().min(1).optional(),
  liftedAt: epochMs.optional(),
});
export type AlertSilence = z.infer<typeof alertSilenceSchema>;
