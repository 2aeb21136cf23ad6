import { z } from 'zod';

import type { Alert, AlertAction, AlertSilence, Team } from '../contracts/alerts';
import { alertActionSchema } from '../contracts/alerts';
import { epochMs, idSchema, severitySchema } from '../contracts/common';
import { fleetSchema } from '../contracts/fleet';
import type { NotificationAttempt } from '../contracts/notifications';

/**
 * Where an alert stands in the team's work: `open` (nobody has it yet), `acknowledged`,
 * `snoozed` (until a time, then back to what it was), `silenced` (a silence matches it now),
 * `resolved`. Whether the condition itself still holds is the alert's own `state`.
 */
export const ALERT_STATUSES = ['open', 'acknowledged', 'snoozed', 'silenced', 'resolved'] as const;
export const alertStatusSchema = z.enum(ALERT_STATUSES);
export type AlertStatus = z.infer<typeof alertStatusSchema>;

export const teamSchema = z.enum(['fleet', 'security', 'platform']);

/** One line of an alert's audit trail: what the detector reported, what a person did (and whether it took effect), or a notification attempt. */
export type AuditEntry =
  | { type: 'alert'; at: number; state: Alert['state']; severity: Alert['severity']; value: number }
  | ({ type: 'action'; applied: boolean } & AlertAction)
  | ({ type: 'notification' } & NotificationAttempt);

/** "email[0] to fleet-oncall@example.com sent", "webhook[0] failed: HTTP 503, retrying": one attempt as the trail words it. */
export function describeNotification(entry: NotificationAttempt): string {
  const what = `${entry.status === 'resolved' ? 'resolved notice' : 'notification'} by ${entry.integration} to ${entry.target} (${entry.receiver})`;
  if (entry.outcome === 'sent') return `${what} sent`;
  return `${what} failed${entry.error ? `: ${entry.error}` : ''}${entry.outcome === 'retrying' ? `, retrying (attempt ${entry.attempt})` : ` after ${entry.attempt} attempts`}`;
}

/** An alert as the inbox shows it: the latest detector record plus the team's work on it. */
export interface AlertView {
  alert: Alert;
  status: AlertStatus;
  /** The vehicle, zone or consumer group the alert is about. */
  subject: string;
  assignee: string | null;
  snoozedUntil: number | null;
  silencedBy: string | null;
  acknowledged: { by: string; at: number } | null;
  resolved: { by: string; at: number } | null;
  /** When the detector first reported it (epoch ms): time to acknowledge and resolve count from here. */
  firstDetectedAt: number;
  audit: AuditEntry[];
  /** Grows with every change: of two copies of one alert, the higher revision is the newer. */
  revision: number;
}

export interface TeamTimes {
  team: Team;
  open: number;
  unacknowledged: number;
  /** Median seconds from detection to acknowledgement / resolution, over the alerts that got there. */
  timeToAcknowledgeS: number | null;
  timeToResolveS: number | null;
  acknowledgedCount: number;
  resolvedCount: number;
}

export interface AlertsResponse {
  alerts: AlertView[];
  silences: AlertSilence[];
  teams: TeamTimes[];
  serverTime: number;
}

const timeParam = z.union([z.coerce.number().int().nonnegative(), z.iso.datetime({ offset: true }).transform((iso) => Date.parse(iso))]);
const listParam = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(',').filter(Boolean))
    .pipe(z.array(item).min(1));

/** `GET /api/alerts?status=&team=&q=&severity=&fleet=&vehicle=&from=&to=`: every filter optional, lists comma-separated. */
export const alertsQuerySchema = z.object({
  status: listParam(alertStatusSchema).optional(),
  team: listParam(teamSchema).optional(),
  severity: listParam(severitySchema).optional(),
  fleet: fleetSchema.optional(),
  vehicle: idSchema.optional(),
  q: z.string().trim().max(200).optional(),
  /** Alerts that started at or after `from` and at or before `to` (epoch ms or ISO-8601). */
  from: timeParam.optional(),
  to: timeParam.optional(),
  limit: z.coerce.number().int().min(1).max(5_000).default(2_000),
});
export type AlertsQuery = z.infer<typeof alertsQuerySchema>;
export type AlertsFilter = Omit<AlertsQuery, 'limit'>;

/** `POST /api/alerts/:id/actions`: the acting user and time come from the session, never from the body. */
export const actionRequestSchema = z
  .object({
    action: alertActionSchema.shape.action,
    assignee: z.string().trim().min(1).max(128).optional(),
    until: epochMs.optional(),
    note: z.string().trim().min(1).max(4000).optional(),
  })
  .strict()
  .superRefine((request, context) => {
    if (request.action === 'assign' && !request.assignee) context.addIssue({ code: 'custom', path: ['assignee'], message: 'assign needs an assignee' });
    if (request.action === 'snooze' && request.until === undefined) context.addIssue({ code: 'custom', path: ['until'], message: 'snooze needs until (epoch ms)' });
    if (request.action === 'note' && !request.note) context.addIssue({ code: 'custom', path: ['note'], message: 'note needs a note' });
  });
export type ActionRequest = z.infer<typeof actionRequestSchema>;

/** `POST /api/alerts/actions`: one action on many alerts. */
export const bulkActionRequestSchema = z.object({ alertIds: z.array(idSchema).min(1).max(500), request: actionRequestSchema }).strict();
export type BulkActionRequest = z.infer<typeof bulkActionRequestSchema>;

export interface ActionResult {
  alertId: string;
  ok: boolean;
  alert?: AlertView;
  error?: { code: string; message: string };
}

/** `POST /api/alerts/silences`: a rule with a reason and an expiry; team required, the rest narrows it. */
export const silenceRequestSchema = z
  .object({
    team: teamSchema,
    fleet: fleetSchema.optional(),
    vehicleId: idSchema.optional(),
    metric: z.string().trim().min(1).max(64).optional(),
    reason: z.string().trim().min(3, 'a reason of at least 3 characters').max(1000),
    expiresAt: epochMs,
  })
  .strict();
export type SilenceRequest = z.infer<typeof silenceRequestSchema>;

/** The subject an alert is about, whatever its kind. */
export function subjectOf(alert: Alert): string {
  switch (alert.kind) {
    case 'anomaly':
      return alert.vehicleId;
    case 'capacity':
      return alert.zoneId;
    case 'consumer-lag':
      return alert.groupId;
    case 'external':
      return alert.labels.instance ?? alert.labels.alertname ?? alert.source;
  }
}

/** The one filter, used by the BFF for `GET /api/alerts` and by the inbox on live updates. */
export function matchesFilter(view: AlertView, filter: AlertsFilter): boolean {
  const { alert } = view;
  if (filter.status && !filter.status.includes(view.status)) return false;
  if (filter.team && !filter.team.includes(alert.team)) return false;
  if (filter.severity && !filter.severity.includes(alert.severity)) return false;
  if (filter.fleet && (alert.kind !== 'anomaly' || alert.fleet !== filter.fleet)) return false;
  if (filter.vehicle && (alert.kind !== 'anomaly' || alert.vehicleId !== filter.vehicle)) return false;
  if (filter.from !== undefined && alert.startedAt < filter.from) return false;
  if (filter.to !== undefined && alert.startedAt > filter.to) return false;
  if (filter.q) {
    const needle = filter.q.toLowerCase();
    const plate = alert.kind === 'anomaly' ? (alert.plate ?? '') : '';
    const notes = view.audit.map((entry) => (entry.type === 'action' ? `${entry.note ?? ''} ${entry.by} ${entry.assignee ?? ''}` : '')).join(' ');
    const haystack = `${alert.alertId} ${view.subject} ${plate} ${alert.metric} ${alert.kind} ${alert.team} ${view.assignee ?? ''} ${notes}`.toLowerCase();
    if (!haystack.includes(needle)) return false;
  }
  return true;
}

/** Newest first: the order of the inbox and of `GET /api/alerts`. */
export function byNewest(a: AlertView, b: AlertView): number {
  return b.alert.startedAt - a.alert.startedAt || a.alert.alertId.localeCompare(b.alert.alertId);
}
