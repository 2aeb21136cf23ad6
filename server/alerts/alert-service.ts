import { randomUUID } from 'node:crypto';

import type { Producer } from 'kafkajs';

import type { AutoResolveRules } from '@/lib/alerts/auto-resolve';
import { AUTO_RESOLVER, autoResolveActionId } from '@/lib/alerts/auto-resolve';
import type { ActionRequest, ActionResult, AlertsQuery, AlertsResponse, AuditPage, SilenceRequest } from '@/lib/api/alerts';
import { alertTeamsFor } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/roles';
import type { AlertAction, AlertSilence } from '@/lib/contracts/alerts';
import { TOPICS } from '@/lib/contracts/topics';

import type { AlertLimits } from '../config';

import type { AlertStore } from './alert-store';

/** How long a request waits to read its own action back from Kafka before answering without it. */
const READ_BACK_MS = 5_000;

export type ServiceError = { status: number; code: string; message: string };
export type SilenceResult = { silence: AlertSilence } | { error: ServiceError };

/**
 * What people do in the inbox. Nothing changes state here: an action is appended to
 * `alerts.actions` (keyed by alertId) and takes effect when every instance, this one included,
 * reads it back; the request waits for that read so its answer shows the outcome.
 */
export class AlertService {
  private readonly autoResolving = new Set<string>();

  constructor(
    private readonly store: AlertStore,
    private readonly producer: () => Producer | undefined,
    private readonly limits: AlertLimits,
  ) {}

  list(query: AlertsQuery, identity: Identity): AlertsResponse {
    const teams = alertTeamsFor(identity.role);
    const { limit, ...filter } = query;
    return {
      alerts: this.store.list(filter, teams, limit),
      silences: this.store.activeSilences(teams),
      teams: this.store.teamTimes(teams),
      serverTime: Date.now(),
    };
  }

  /** A page of an alert's audit trail, for the teams that see the alert. */
  auditPage(identity: Identity, alertId: string, before: number, limit: number): AuditPage | undefined {
    const known = this.store.view(alertId);
    if (!known || !alertTeamsFor(identity.role).includes(known.alert.team)) return undefined;
    return this.store.auditPage(alertId, before, limit);
  }

  async act(identity: Identity, alertId: string, request: ActionRequest): Promise<ActionResult> {
    const known = this.store.view(alertId);
    if (!known || !alertTeamsFor(identity.role).includes(known.alert.team))
      return { alertId, ok: false, error: { code: 'not_found', message: `No alert ${alertId} in your teams' inbox.` } };
    if (request.note !== undefined && request.note.length > this.limits.noteMaxChars) {
      return { alertId, ok: false, error: { code: 'invalid_request', message: `note: at most ${this.limits.noteMaxChars} characters` } };
    }
    if (this.store.actionCount(alertId) >= this.limits.actionsMax) {
      return {
        alertId,
        ok: false,
        error: { code: 'too_many_actions', message: `Alert ${alertId} already has ${this.limits.actionsMax} actions, the most one alert keeps.` },
      };
    }
    const producer = this.producer();
    if (!producer) return { alertId, ok: false, error: { code: 'starting', message: 'Not connected to Kafka yet; try again in a moment.' } };
    const action: AlertAction = {
      actionId: randomUUID(),
      alertId,
      action: request.action,
      by: identity.name,
      at: Date.now(),
      assignee: request.assignee,
      until: request.until,
      note: request.note,
    };
    const readBack = this.store.waitForAction(action.actionId, READ_BACK_MS);
    await producer.send({ topic: TOPICS.alertActions, messages: [{ key: alertId, value: JSON.stringify(action) }] });
    await readBack;
    return { alertId, ok: true, alert: this.store.view(alertId) };
  }

  /**
   * Resolves, as {@link AUTO_RESOLVER}, the cleared alerts whose team and kind's delay has passed.
   * The action id is fixed per clearing, so instances that do it at once write one action twice
   * and every instance applies it once; an id already sent is not sent again while it travels.
   */
  async autoResolve(rules: AutoResolveRules, now: number): Promise<void> {
    const producer = this.producer();
    if (!producer) return;
    const due = this.store.dueForAutoResolve(rules, now).filter((alert) => !this.autoResolving.has(autoResolveActionId(alert)));
    if (due.length === 0) return;
    const actions: AlertAction[] = due.map((alert) => ({
      actionId: autoResolveActionId(alert),
      alertId: alert.alertId,
      action: 'resolve',
      by: AUTO_RESOLVER,
      at: now,
      note: 'cleared and untouched past the auto-resolve delay',
    }));
    for (const action of actions) this.autoResolving.add(action.actionId);
    try {
      await producer.send({ topic: TOPICS.alertActions, messages: actions.map((action) => ({ key: action.alertId, value: JSON.stringify(action) })) });
    } finally {
      setTimeout(() => actions.forEach((action) => this.autoResolving.delete(action.actionId)), READ_BACK_MS);
    }
  }

  actOnMany(identity: Identity, alertIds: string[], request: ActionRequest): Promise<ActionResult[]> {
    return Promise.all([...new Set(alertIds)].map((alertId) => this.act(identity, alertId, request)));
  }

  createSilence(identity: Identity, request: SilenceRequest): Promise<SilenceResult> {
    const now = Date.now();
    if (!alertTeamsFor(identity.role).includes(request.team))
      return Promise.resolve({ error: { status: 403, code: 'forbidden', message: `Role ${identity.role} may not silence ${request.team} alerts.` } });
    if (request.expiresAt <= now) return Promise.resolve({ error: { status: 400, code: 'invalid_request', message: 'expiresAt: must be in the future' } });
    if (request.expiresAt - now > this.limits.silenceMaxMs) {
      return Promise.resolve({
        error: { status: 400, code: 'invalid_request', message: `expiresAt: a silence lasts at most ${this.limits.silenceMaxMs / 3_600_000} hours` },
      });
    }
    return this.writeSilence({ ...request, silenceId: `silence-${randomUUID()}`, createdBy: identity.name, createdAt: now });
  }

  liftSilence(identity: Identity, silenceId: string): Promise<SilenceResult> {
    const silence = this.store.silence(silenceId);
    if (!silence || !alertTeamsFor(identity.role).includes(silence.team))
      return Promise.resolve({ error: { status: 404, code: 'not_found', message: `No silence ${silenceId} of your teams.` } });
    if (silence.liftedAt !== undefined) return Promise.resolve({ silence });
    return this.writeSilence({ ...silence, liftedBy: identity.name, liftedAt: Date.now() });
  }

  private async writeSilence(silence: AlertSilence): Promise<SilenceResult> {
    const producer = this.producer();
    if (!producer) return { error: { status: 503, code: 'starting', message: 'Not connected to Kafka yet; try again in a moment.' } };
    const applied = new Promise<void>((resolve) => {
      const off = this.store.onSilencesChanged(() => {
        if (this.store.silence(silence.silenceId)?.liftedAt !== silence.liftedAt) return;
        off();
        resolve();
      });
      setTimeout(() => {
        off();
        resolve();
      }, READ_BACK_MS);
    });
    await producer.send({ topic: TOPICS.alertSilences, messages: [{ key: silence.silenceId, value: JSON.stringify(silence) }] });
    await applied;
    return { silence };
  }
}
