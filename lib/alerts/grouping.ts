import type { AlertView } from '../api/alerts';

/** Episodes of one subject and metric starting this close together are flapping, not separate problems. */
export const FLAPPING_WINDOW_MS = 15 * 60_000;
export const FLAPPING_EPISODES = 3;

/** Repeated episodes of the same thing, shown as one row: the newest episode with a count. */
export interface AlertGroup {
  key: string;
  latest: AlertView;
  episodes: AlertView[];
  flapping: boolean;
}

export function groupKey(view: AlertView): string {
  return `${view.alert.team}|${view.subject}|${view.alert.metric}`;
}

/** Groups newest-first views by team, subject and metric; groups come out in the order of their newest episode. */
export function groupAlerts(views: readonly AlertView[]): AlertGroup[] {
  const groups = new Map<string, AlertGroup>();
  for (const view of views) {
    const key = groupKey(view);
    const group = groups.get(key);
    if (group) group.episodes.push(view);
    else groups.set(key, { key, latest: view, episodes: [view], flapping: false });
  }
  for (const group of groups.values()) group.flapping = isFlapping(group.episodes);
  return [...groups.values()];
}

function isFlapping(episodes: readonly AlertView[]): boolean {
  const starts = episodes.map((view) => view.alert.startedAt).sort((a, b) => a - b);
  for (let i = 0; i + FLAPPING_EPISODES - 1 < starts.length; i += 1) {
    if ((starts[i + FLAPPING_EPISODES - 1] ?? Infinity) - (starts[i] ?? 0) <= FLAPPING_WINDOW_MS) return true;
  }
  return false;
}
