import type { AlertPush, AlertsResponse, AlertView } from '../api/alerts';
import { AUDIT_PAGE_SIZE, byNewest, needsAttention, teamTimesOf } from '../api/alerts';
import type { AlertSilence } from '../contracts/alerts';

/** The inbox keeps this many alerts in the browser, newest first, because the list would otherwise grow without bound. */
export const MAX_CACHED_ALERTS = 2_000;

/**
 * Folds a batch of `alert:upsert` pushes into the cached response. A push replaces the cached
 * state of its alert unless the cached one is newer (a higher revision, e.g. from a fetch that
 * raced the event), and appends the trail entries it added to the cached newest page of the
 * trail; returns the same object when nothing changed, so React skips the render.
 */
export function upsertAlerts(data: AlertsResponse | undefined, updates: readonly (AlertPush | AlertView)[]): AlertsResponse | undefined {
  if (!data || updates.length === 0) return data;
  const byId = new Map(data.alerts.map((view) => [view.alert.alertId, view]));
  let changed = false;
  for (const update of updates) {
    const known = byId.get(update.alert.alertId);
    if (known && known.revision > update.revision) continue;
    // A view (an action's answer) brings its own trail page; a push only what it added.
    byId.set(update.alert.alertId, 'audit' in update ? update : mergePush(known, update));
    changed = true;
  }
  if (!changed) return data;
  const alerts = [...byId.values()].sort(byNewest).slice(0, MAX_CACHED_ALERTS);
  // Counts and medians follow each change (an acknowledgement fills in the time to acknowledge).
  return { ...data, alerts, teams: data.teams.map((team) => teamTimesOf(team.team, alerts)) };
}

/** The push's state with the cached trail page plus what the push added (in time order, newest page only). */
export function mergePush(known: AlertView | undefined, push: AlertPush): AlertView {
  const { added, ...summary } = push;
  const seen = new Set((known?.audit ?? []).map(entryKey));
  const audit = [...(known?.audit ?? []), ...added.filter((entry) => !seen.has(entryKey(entry)))].sort((a, b) => a.at - b.at).slice(-AUDIT_PAGE_SIZE);
  return { ...summary, audit };
}

function entryKey(entry: AlertView['audit'][number]): string {
  if (entry.type === 'action') return entry.actionId;
  if (entry.type === 'notification') return `notification:${entry.notificationId}:${entry.integration}:${entry.attempt}`;
  return `alert:${entry.at}:${entry.state}:${entry.severity}`;
}

export function replaceSilences(data: AlertsResponse | undefined, silences: AlertSilence[]): AlertsResponse | undefined {
  return data && { ...data, silences };
}

/** Firing and unacknowledged: what the navigation's badge counts (cleared and inhibited ones wait quietly). */
export function unacknowledgedCount(alerts: readonly AlertView[]): number {
  return alerts.filter(needsAttention).length;
}
