import { z } from 'zod';

import type { Alert, AlertSilence, Team } from '../contracts/alerts';
import { ALERT_STATES, alertActionSchema, alertSchema, INHIBIT_REASONS } from '../contracts/alerts';
import { epochMs, idSchema, severitySchema } from '../contracts/common';
import { fleetSchema } from '../contracts/fleet';
import type { NotificationAttempt } from '../contracts/notifications';
import { notificationAttemptSchema } from '../contracts/notifications';

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
export const auditEntrySchema = z.union([
  z.object({
    type: z.literal('alert'),
    at: epochMs,
    state: z.enum(ALERT_STATES),
    reason: z.enum(INHIBIT_REASONS).optional(),
    severity: severitySchema,
    value: z.number(),
  }),
  alertActionSchema.extend({ type: z.literal('action'), applied: z.boolean() }),
  notificationAttemptSchema.extend({ type: z.literal('notification') }),
]);
export type AuditEntry = z.infer<typeof auditEntrySchema>;

/** "email[0] to fleet-oncall@example.com sent", "webhook[0] failed: HTTP 503, retrying": one attempt as the trail words it. */
export function describeNotification(entry: NotificationAttempt): string {
  const what = `${entry.status === 'resolved' ? 'resolved notice' : 'notification'} by ${entry.integration} to ${entry.target} (${entry.receiver})`;
  if (entry.outcome === 'sent') return `${what} sent`;
  return `${what} failed${entry.error ? `: ${entry.error}` : ''}${entry.outcome === 'retrying' ? `, retrying (attempt ${entry.attempt})` : ` after ${entry.attempt} attempts`}`;
}

/**
 * A view carries the newest this many audit entries (oldest first); the earlier ones are paged
 * with `GET /api/alerts/:id/audit?before=&limit=`, so no answer or frame grows with the trail.
 */
export const AUDIT_PAGE_SIZE = 50;

const doneBySchema = z.object({ by: z.string(), at: epochMs }).nullable();

/** An alert's state in the inbox without its trail: what every view and every push has. */
export const alertSummarySchema = z.object({
  alert: alertSchema,
  status: alertStatusSchema,
  /** The vehicle, zone or consumer group the alert is about. */
  subject: z.string(),
  assignee: z.string().nullable(),
  snoozedUntil: epochMs.nullable(),
  silencedBy: z.string().nullable(),
  acknowledged: doneBySchema,
  resolved: doneBySchema,
  /** When the detector first reported it (epoch ms): time to acknowledge and resolve count from here. */
  firstDetectedAt: epochMs,
  /** Entries in the whole audit trail (`audit` holds the newest of them). */
  auditTotal: z.number().int().nonnegative(),
  /** Grows with every change: of two copies of one alert, the higher revision is the newer. */
  revision: z.number().int().nonnegative(),
});

/** An alert as the inbox shows it: the latest detector record, the team's work on it, the newest of its trail. */
export type AlertView = z.infer<typeof alertSummarySchema> & { audit: AuditEntry[] };

/**
 * `alert:upsert` on the `alerts` channel: the alert's new state and only the trail entries this
 * change added (none for a status that changed with time), never the whole trail.
 */
export const alertPushSchema = alertSummarySchema.extend({ added: z.array(auditEntrySchema).max(AUDIT_PAGE_SIZE) });
export type AlertPush = z.infer<typeof alertPushSchema>;

/** `GET /api/alerts/:id/audit?before=&limit=`: entries `[before - limit, before)` of the trail, oldest first. */
export const auditPageQuerySchema = z.object({
  before: z.coerce.number().int().nonnegative(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_SIZE).default(AUDIT_PAGE_SIZE),
});
export interface AuditPage {
  entries: AuditEntry[];
  /** Index of the first entry returned, in the whole trail. */
  from: number;
  total: number;
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

/** `GET /api/alerts?status=&team=&q=&severity=&fleet=&vehicle=&zone=&group=&from=&to=`: every filter optional, lists comma-separated. */
export const alertsQuerySchema = z.object({
  status: listParam(alertStatusSchema).optional(),
  team: listParam(teamSchema).optional(),
  severity: listParam(severitySchema).optional(),
  fleet: fleetSchema.optional(),
  vehicle: idSchema.optional(),
  /** A capacity alert's zone (a zone's alert tag links to `/alerts?zone=`). */
  zone: idSchema.optional(),
  /** A consumer-lag alert's group (a group page links to `/alerts?group=`). */
  group: z.string().min(1).max(256).optional(),
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
    if (request.action === 'snooze' && request.until === undefined)
      context.addIssue({ code: 'custom', path: ['until'], message: 'snooze needs until (epoch ms)' });
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
    zoneId: idSchema.optional(),
    groupId: z.string().trim().min(1).max(256).optional(),
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
  if (filter.zone && (alert.kind !== 'capacity' || alert.zoneId !== filter.zone)) return false;
  if (filter.group && (alert.kind !== 'consumer-lag' || alert.groupId !== filter.group)) return false;
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

/** Firing and nobody has it yet: what the badges count and the inbox highlights. */
export function needsAttention(view: Pick<AlertView, 'status' | 'alert'>): boolean {
  return view.status === 'open' && view.alert.state === 'firing';
}

/** Statuses in which an alert still asks something of its team. */
export const OPEN_STATUSES: ReadonlySet<AlertStatus> = new Set(['open', 'acknowledged', 'snoozed']);

/** One team's row of the response times, from its alerts: the BFF over all it holds, the browser over its cache after a change. */
export function teamTimesOf(team: Team, views: Iterable<Pick<AlertView, 'alert' | 'status' | 'acknowledged' | 'resolved' | 'firstDetectedAt'>>): TeamTimes {
  const tta: number[] = [];
  const ttr: number[] = [];
  let open = 0;
  let unacknowledged = 0;
  for (const view of views) {
    if (view.alert.team !== team) continue;
    if (OPEN_STATUSES.has(view.status)) open += 1;
    if (needsAttention(view)) unacknowledged += 1;
    if (view.acknowledged) tta.push(Math.max(0, view.acknowledged.at - view.firstDetectedAt) / 1000);
    if (view.resolved) ttr.push(Math.max(0, view.resolved.at - view.firstDetectedAt) / 1000);
  }
  return { team, open, unacknowledged, timeToAcknowledgeS: median(tta), timeToResolveS: median(ttr), acknowledgedCount: tta.length, resolvedCount: ttr.length };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
  return Math.round(value * 10) / 10;
}
