import { createHash } from 'node:crypto';

import type { Producer } from 'kafkajs';
import { z } from 'zod';

import { alertTeamsFor } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/roles';
import type { Alert } from '@/lib/contracts/alerts';
import { alertSchema, TEAMS } from '@/lib/contracts/alerts';
import { TOPICS } from '@/lib/contracts/topics';

/**
 * Alerts from outside (Prometheus, Grafana, another Alertmanager) into the same inbox and the
 * same routes: Alertmanager's API v2 `POST /api/v2/alerts` body, or its webhook payload. The
 * `team` label picks the team; an alert of an unknown team, or of a team the caller's token may
 * not act for, is refused with a clear error and nothing of the request is written.
 */
const labelsSchema = z.record(z.string().regex(/^[a-zA-Z_]\w*$/, 'label names are letters, digits and _'), z.string().max(1_000));
const postableAlertSchema = z.object({
  labels: labelsSchema.refine((labels) => !!labels.alertname, 'labels.alertname is required'),
  annotations: z.record(z.string(), z.string().max(4_000)).optional(),
  startsAt: z.iso.datetime({ offset: true }).optional(),
  endsAt: z.iso.datetime({ offset: true }).optional(),
  generatorURL: z.string().max(2_000).optional(),
  status: z.enum(['firing', 'resolved']).optional(),
});
export const postableAlertsSchema = z.array(postableAlertSchema).min(1).max(1_000);
export const webhookBodySchema = z.object({ version: z.string(), alerts: postableAlertsSchema }).loose();
export type PostableAlert = z.infer<typeof postableAlertSchema>;

export type InboundResult = { ok: true; alerts: string[] } | { ok: false; status: number; code: string; message: string };

const SEVERITIES = new Set(['info', 'warning', 'critical']);

export class InboundAlerts {
  constructor(private readonly producer: () => Producer | undefined) {}

  async accept(identity: Identity, source: string, alerts: PostableAlert[], now = Date.now()): Promise<InboundResult> {
    const allowed = alertTeamsFor(identity.role);
    const problems: string[] = [];
    alerts.forEach((alert, index) => {
      const team = alert.labels.team;
      if (!team) problems.push(`alerts[${index}]: labels.team is required (one of ${TEAMS.join(', ')})`);
      else if (!(TEAMS as readonly string[]).includes(team)) problems.push(`alerts[${index}]: unknown team "${team}" (teams: ${TEAMS.join(', ')})`);
      else if (!(allowed as readonly string[]).includes(team)) problems.push(`alerts[${index}]: role ${identity.role} may not raise ${team} alerts`);
    });
    if (problems.length > 0) return { ok: false, status: 400, code: 'invalid_request', message: problems.slice(0, 10).join('; ') };
    const producer = this.producer();
    if (!producer) return { ok: false, status: 503, code: 'starting', message: 'Not connected to Kafka yet; try again in a moment.' };
    const records = alerts.map((alert) => toAlert(alert, source, now));
    await producer.send({
      topic: TOPICS.externalAlerts,
      messages: records.map((record) => ({ key: record.alertId, value: JSON.stringify(alertSchema.parse(record)) })),
    });
    return { ok: true, alerts: records.map((record) => record.alertId) };
  }
}

/**
 * One alert of the inbox per firing episode: the id is the labels' fingerprint and the start, so
 * Prometheus re-sending an alert every minute updates it, and it clears when endsAt has passed.
 */
export function toAlert(alert: PostableAlert, source: string, now: number): Alert {
  const startedAt = alert.startsAt ? Date.parse(alert.startsAt) : now;
  const endsAt = alert.endsAt ? Date.parse(alert.endsAt) : undefined;
  const cleared = alert.status === 'resolved' || (endsAt !== undefined && endsAt > 0 && endsAt <= now);
  const fingerprint = createHash('sha256')
    .update(JSON.stringify(Object.entries(alert.labels).sort()))
    .digest('hex')
    .slice(0, 16);
  const severity = SEVERITIES.has(alert.labels.severity ?? '') ? (alert.labels.severity as Alert['severity']) : 'warning';
  return {
    alertId: `external.${fingerprint}.${startedAt}`,
    kind: 'external',
    team: alert.labels.team as Alert['team'],
    source,
    labels: alert.labels,
    annotations: alert.annotations ?? {},
    generatorURL: alert.generatorURL,
    metric: alert.labels.alertname ?? 'external',
    value: Number(alert.annotations?.value ?? 0) || 0,
    normal: { min: 0, max: 0 },
    startedAt,
    detectedAt: now,
    severity,
    state: cleared ? 'cleared' : 'firing',
  };
}
