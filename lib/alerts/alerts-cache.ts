import type { AlertsResponse, AlertView } from '../api/alerts';
import { byNewest } from '../api/alerts';
import type { AlertSilence } from '../contracts/alerts';

/** The inbox keeps this many alerts in the browser, newest first, because the list would otherwise grow without bound. */
export const MAX_CACHED_ALERTS = 2_000;

/**
 * Folds a batch of `alert:upsert` views into the cached response. A view replaces the cached copy
 * of its alert unless the cached one is newer (a higher revision, e.g. from a fetch that raced
 * the event); returns the same object when nothing changed, so React skips the render.
 */
export function upsertAlerts(data: AlertsResponse | undefined, views: readonly AlertView[]): AlertsResponse | undefined {
  if (!data || views.length === 0) return data;
  const byId = new Map(data.alerts.map((view) => [view.alert.alertId, view]));
  let changed = false;
  for (const view of views) {
    const known = byId.get(view.alert.alertId);
    if (known && known.revision > view.revision) continue;
    byId.set(view.alert.alertId, view);
    changed = true;
  }
  if (!changed) return data;
  return { ...data, alerts: [...byId.values()].sort(byNewest).slice(0, MAX_CACHED_ALERTS), teams: data.teams.map((team) => ({ ...team, ...countsOf([...byId.values()], team.team) })) };
}

export function replaceSilences(data: AlertsResponse | undefined, silences: AlertSilence[]): AlertsResponse | undefined {
  return data && { ...data, silences };
}

/** Open and unacknowledged: what the navigation's badge counts. */
export function unacknowledgedCount(alerts: readonly AlertView[]): number {
  return alerts.filter((view) => view.status === 'open').length;
}

function countsOf(alerts: AlertView[], team: string): { open: number; unacknowledged: number } {
  const mine = alerts.filter((view) => view.alert.team === team);
  return { open: mine.filter((view) => view.status === 'open' || view.status === 'acknowledged' || view.status === 'snoozed').length, unacknowledged: unacknowledgedCount(mine) };
}
