import type { AutoResolveRules } from '@/lib/alerts/auto-resolve';
import { autoResolveDue } from '@/lib/alerts/auto-resolve';
import type { AlertsFilter, AlertStatus, AlertView, AuditEntry, AuditPage, TeamTimes } from '@/lib/api/alerts';
import { AUDIT_PAGE_SIZE, byNewest, matchesFilter, OPEN_STATUSES, subjectOf, teamTimesOf } from '@/lib/api/alerts';
import type { Alert, AlertAction, AlertSilence, Team } from '@/lib/contracts/alerts';
import { TEAMS } from '@/lib/contracts/alerts';
import type { Severity } from '@/lib/contracts/common';
import type { NotificationAttempt } from '@/lib/contracts/notifications';

import type { Workflow } from './workflow';
import { applyAction, emptyWorkflow, statusAt } from './workflow';

export type VehicleOpenAlertsListener = (vehicleId: string, openCount: number) => void;
/** Told of every change: the alert's new view and the audit entries the change added (none for a status that changed with time). */
export type AlertChangeListener = (view: AlertView, added: AuditEntry[]) => void;

export interface AlertStoreOptions {
  /** Beyond this many alerts the oldest resolved ones are forgotten, because the store would otherwise grow without bound. */
  maxAlerts: number;
  /**
   * Limits applied to what is read back from Kafka too, so a flood that reached the topics before
   * the limits existed (or from another writer) cannot grow the store or the frames without bound.
   */
  limits?: { actionsMax: number; noteMaxChars: number; silenceMaxMs: number };
}

interface Entry {
  alert: Alert;
  firstDetectedAt: number;
  history: Extract<AuditEntry, { type: 'alert' }>[];
  revision: number;
  lastStatus?: AlertStatus;
}

const SEVERITY_RANK = { info: 0, warning: 1, critical: 2 } as const;

/**
 * Every alert of every team with the team's work on it, rebuilt from `fleet.anomalies`,
 * `campus.zone-alerts`, `platform.lag-alerts`, `alerts.actions` and `alerts.silences` read from
 * the beginning: a restarted or second BFF instance arrives at the same state. Each change is
 * told to listeners (the `alerts` channel) as the alert's whole new view.
 */
export class AlertStore {
  private readonly entries = new Map<string, Entry>();
  private readonly workflows = new Map<string, Workflow>();
  private readonly silences = new Map<string, AlertSilence>();
  private readonly byVehicle = new Map<string, Set<string>>();
  private readonly vehicleOpen = new Map<string, number>();
  /** Each vehicle's worst open alert that is still firing: what colours its row, pill and marker. */
  private readonly vehicleWorst = new Map<string, Severity>();
  private readonly changeListeners = new Set<AlertChangeListener>();
  private readonly silenceListeners = new Set<() => void>();
  private readonly vehicleListeners = new Set<VehicleOpenAlertsListener>();
  private readonly actionWaiters = new Map<string, () => void>();
  /** Notification attempts per alert (from `alerts.notifications`), the latest few hundred of each. */
  private readonly notifications = new Map<string, Extract<AuditEntry, { type: 'notification' }>[]>();

  constructor(
    private readonly options: AlertStoreOptions,
    private readonly clock: () => number = Date.now,
  ) {}

  applyAlert(alert: Alert): void {
    const known = this.entries.get(alert.alertId);
    if (known && !supersedes(alert, known.alert)) return;
    const entry: Entry = known ?? { alert, firstDetectedAt: alert.detectedAt, history: [], revision: 0 };
    entry.alert = alert;
    entry.firstDetectedAt = Math.min(entry.firstDetectedAt, alert.detectedAt);
    const record: AuditEntry = {
      type: 'alert',
      at: alert.detectedAt,
      state: alert.state,
      ...(alert.reason && { reason: alert.reason }),
      severity: alert.severity,
      value: alert.value,
    };
    entry.history.push(record);
    if (!known) {
      this.entries.set(alert.alertId, entry);
      if (alert.kind === 'anomaly') this.indexVehicle(alert.vehicleId, alert.alertId);
      this.prune();
    }
    this.changed(entry, [record]);
  }

  applyAction(action: AlertAction): void {
    const workflow = this.workflows.get(action.alertId) ?? emptyWorkflow();
    this.workflows.set(action.alertId, workflow);
    const limits = this.options.limits;
    // Past the cap an action is not kept (it is still acknowledged to whoever waits for it).
    const capped = limits !== undefined && workflow.actions.length >= limits.actionsMax;
    const note = limits && action.note !== undefined ? action.note.slice(0, limits.noteMaxChars) : action.note;
    if (!capped && applyAction(workflow, { ...action, note })) {
      const entry = this.entries.get(action.alertId);
      const added = workflow.actions.at(-1);
      if (entry && added) this.changed(entry, [added]);
    }
    this.actionWaiters.get(action.actionId)?.();
  }

  /** Actions kept on an alert so far (see `limits.actionsMax`). */
  actionCount(alertId: string): number {
    return this.workflows.get(alertId)?.actions.length ?? 0;
  }

  /** A notification attempt joins the alert's audit trail. */
  applyNotification(attempt: NotificationAttempt): void {
    const added = { type: 'notification' as const, ...attempt };
    const attempts = this.notifications.get(attempt.alertId) ?? [];
    attempts.push(added);
    this.notifications.set(attempt.alertId, attempts.slice(-200));
    const entry = this.entries.get(attempt.alertId);
    if (entry) this.changed(entry, [added]);
  }

  /** The latest record of a silence is its state; every alert whose status it changes is told. */
  applySilence(record: AlertSilence): void {
    const maxMs = this.options.limits?.silenceMaxMs;
    const silence = maxMs === undefined ? record : { ...record, expiresAt: Math.min(record.expiresAt, record.createdAt + maxMs) };
    this.silences.set(silence.silenceId, silence);
    this.refreshStatuses();
    for (const listener of this.silenceListeners) listener();
  }

  /** Snoozes and silences end with time, not with a message: called every second. */
  sweep(): void {
    this.refreshStatuses();
  }

  /** Resolves once this instance has read the action back from Kafka (false after `timeoutMs`). */
  waitForAction(actionId: string, timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.actionWaiters.delete(actionId);
        resolve(false);
      }, timeoutMs);
      this.actionWaiters.set(actionId, () => {
        clearTimeout(timer);
        this.actionWaiters.delete(actionId);
        resolve(true);
      });
    });
  }

  view(alertId: string): AlertView | undefined {
    const entry = this.entries.get(alertId);
    return entry && this.toView(entry, this.clock());
  }

  list(filter: AlertsFilter, teams: readonly Team[], limit: number): AlertView[] {
    const now = this.clock();
    const views: AlertView[] = [];
    for (const entry of this.entries.values()) {
      if (!teams.includes(entry.alert.team)) continue;
      const view = this.toView(entry, now);
      if (matchesFilter(view, filter)) views.push(view);
    }
    return views.sort(byNewest).slice(0, limit);
  }

  /** Silences in force now of the given teams, soonest to expire first: a team sees only its own. */
  activeSilences(teams: readonly Team[]): AlertSilence[] {
    const now = this.clock();
    return [...this.silences.values()].filter((silence) => teams.includes(silence.team) && isActive(silence, now)).sort((a, b) => a.expiresAt - b.expiresAt);
  }

  /** Entries `[before - limit, before)` of an alert's whole audit trail, oldest first. */
  auditPage(alertId: string, before: number, limit: number): AuditPage | undefined {
    const entry = this.entries.get(alertId);
    if (!entry) return undefined;
    const trail = this.trailOf(entry);
    const end = Math.min(before, trail.length);
    const from = Math.max(0, end - limit);
    return { entries: trail.slice(from, end), from, total: trail.length };
  }

  silence(silenceId: string): AlertSilence | undefined {
    return this.silences.get(silenceId);
  }

  teamTimes(teams: readonly Team[]): TeamTimes[] {
    const now = this.clock();
    const views = [...this.entries.values()].filter((entry) => teams.includes(entry.alert.team)).map((entry) => this.toView(entry, now));
    return TEAMS.filter((team) => teams.includes(team)).map((team) => teamTimesOf(team, views));
  }

  /** Cleared alerts nobody resolved whose team and kind's auto-resolve delay has passed (statuses as of the last change or sweep). */
  dueForAutoResolve(rules: AutoResolveRules, now: number): Alert[] {
    if (rules.size === 0) return [];
    const due: Alert[] = [];
    for (const entry of this.entries.values()) {
      if (entry.lastStatus && autoResolveDue({ alert: entry.alert, status: entry.lastStatus }, rules, now)) due.push(entry.alert);
    }
    return due;
  }

  /**
   * A vehicle's open alerts (open, acknowledged or snoozed) whose fault has not cleared (firing or
   * inhibited): what marks it on the fleet page. Cleared ones wait in the inbox to be resolved but
   * no longer mark the vehicle, as in time travel (`lib/fleet/replay-fold.ts`); after a feed outage
   * a fleet-wide ring of long-cleared alerts hid the one vehicle in trouble.
   */
  openAlertsOf(vehicleId: string): number {
    return this.vehicleOpen.get(vehicleId) ?? 0;
  }

  /** The severity of the vehicle's worst open alert that is still firing; none when nothing fires. */
  worstFiringOf(vehicleId: string): Severity | undefined {
    return this.vehicleWorst.get(vehicleId);
  }

  /** Every vehicle with at least one open alert and its count: the starting point for `onVehicleOpenAlertsChanged`. */
  openAlertCounts(): Map<string, number> {
    return new Map([...this.vehicleOpen].filter(([, count]) => count > 0));
  }

  onChange(listener: AlertChangeListener): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  onSilencesChanged(listener: () => void): () => void {
    this.silenceListeners.add(listener);
    return () => this.silenceListeners.delete(listener);
  }

  /** Told whenever a vehicle's count of open alerts changes (to 0 when its last one is resolved or silenced). */
  onVehicleOpenAlertsChanged(listener: VehicleOpenAlertsListener): () => void {
    this.vehicleListeners.add(listener);
    return () => this.vehicleListeners.delete(listener);
  }

  get size(): number {
    return this.entries.size;
  }

  private toView(entry: Entry, now: number): AlertView {
    const workflow = this.workflows.get(entry.alert.alertId) ?? emptyWorkflow();
    const silencedBy = workflow.base === 'resolved' ? null : (this.matchingSilence(entry.alert, now)?.silenceId ?? null);
    const trail = this.trailOf(entry);
    return {
      alert: entry.alert,
      status: statusAt(workflow, silencedBy !== null, now),
      subject: subjectOf(entry.alert),
      assignee: workflow.assignee,
      snoozedUntil: workflow.snoozedUntil !== null && workflow.snoozedUntil > now ? workflow.snoozedUntil : null,
      silencedBy,
      acknowledged: workflow.acknowledged,
      resolved: workflow.resolved,
      firstDetectedAt: entry.firstDetectedAt,
      audit: trail.slice(-AUDIT_PAGE_SIZE),
      auditTotal: trail.length,
      revision: entry.revision,
    };
  }

  /** The whole trail in time order: the detector's records and the team's actions. */
  private trailOf(entry: Entry): AuditEntry[] {
    const workflow = this.workflows.get(entry.alert.alertId) ?? emptyWorkflow();
    return [...entry.history, ...workflow.actions, ...(this.notifications.get(entry.alert.alertId) ?? [])].sort((a, b) => a.at - b.at);
  }

  private matchingSilence(alert: Alert, now: number): AlertSilence | undefined {
    for (const silence of this.silences.values()) if (isActive(silence, now) && silenceMatches(silence, alert)) return silence;
    return undefined;
  }

  private changed(entry: Entry, added: AuditEntry[] = []): void {
    entry.revision += 1;
    const view = this.toView(entry, this.clock());
    entry.lastStatus = view.status;
    for (const listener of this.changeListeners) listener(view, added);
    if (entry.alert.kind === 'anomaly') this.recountVehicle(entry.alert.vehicleId);
  }

  /** Runs every second over every alert: only the status is computed, not the whole view. */
  private refreshStatuses(): void {
    const now = this.clock();
    for (const entry of this.entries.values()) {
      const workflow = this.workflows.get(entry.alert.alertId) ?? emptyWorkflow();
      const silenced = workflow.base !== 'resolved' && this.matchingSilence(entry.alert, now) !== undefined;
      if (statusAt(workflow, silenced, now) !== entry.lastStatus) this.changed(entry);
    }
  }

  private indexVehicle(vehicleId: string, alertId: string): void {
    const ids = this.byVehicle.get(vehicleId) ?? new Set<string>();
    ids.add(alertId);
    this.byVehicle.set(vehicleId, ids);
  }

  private recountVehicle(vehicleId: string): void {
    let count = 0;
    let worst: Severity | undefined;
    for (const alertId of this.byVehicle.get(vehicleId) ?? []) {
      const entry = this.entries.get(alertId);
      if (!entry?.lastStatus || !OPEN_STATUSES.has(entry.lastStatus) || entry.alert.state === 'cleared') continue;
      count += 1;
      if (entry.alert.state === 'firing' && (!worst || SEVERITY_RANK[entry.alert.severity] > SEVERITY_RANK[worst])) worst = entry.alert.severity;
    }
    if ((this.vehicleOpen.get(vehicleId) ?? 0) === count && this.vehicleWorst.get(vehicleId) === worst) return;
    this.vehicleOpen.set(vehicleId, count);
    if (worst) this.vehicleWorst.set(vehicleId, worst);
    else this.vehicleWorst.delete(vehicleId);
    for (const listener of this.vehicleListeners) listener(vehicleId, count);
  }

  private prune(): void {
    if (this.entries.size <= this.options.maxAlerts) return;
    const resolved = [...this.entries.values()].filter((entry) => entry.lastStatus === 'resolved').sort((a, b) => a.alert.startedAt - b.alert.startedAt);
    for (const entry of resolved.slice(0, this.entries.size - this.options.maxAlerts)) {
      this.entries.delete(entry.alert.alertId);
      this.workflows.delete(entry.alert.alertId);
      this.notifications.delete(entry.alert.alertId);
      if (entry.alert.kind === 'anomaly') this.byVehicle.get(entry.alert.vehicleId)?.delete(entry.alert.alertId);
    }
  }
}

/**
 * Whether a record replaces the alert known under its id. `inhibited` pauses an episode, which may
 * fire again under its id (a later record wins as for firing). `cleared` ends an episode for good (a
 * new episode is a new id), so a `firing` record read again after it (a processor re-reading its
 * input) changes nothing; among `firing` records the later or more severe one wins.
 */
function supersedes(next: Alert, known: Alert): boolean {
  if (known.state === 'cleared') return false;
  if (next.state === 'cleared') return true;
  return next.detectedAt > known.detectedAt || SEVERITY_RANK[next.severity] > SEVERITY_RANK[known.severity];
}

function isActive(silence: AlertSilence, now: number): boolean {
  return silence.liftedAt === undefined && silence.createdAt <= now && now < silence.expiresAt;
}

export function silenceMatches(silence: AlertSilence, alert: Alert): boolean {
  if (silence.team !== alert.team) return false;
  if (silence.metric && silence.metric !== alert.metric) return false;
  if (silence.fleet && (alert.kind !== 'anomaly' || alert.fleet !== silence.fleet)) return false;
  if (silence.vehicleId && (alert.kind !== 'anomaly' || alert.vehicleId !== silence.vehicleId)) return false;
  if (silence.zoneId && (alert.kind !== 'capacity' || alert.zoneId !== silence.zoneId)) return false;
  if (silence.groupId && (alert.kind !== 'consumer-lag' || alert.groupId !== silence.groupId)) return false;
  return true;
}
