import type { AlertView } from '@/lib/api/alerts';
import type { Severity } from '@/lib/contracts/common';

import type { AlertingConfig, RouteConfig } from './config';
import { alertLabels, groupLabelsOf } from './labels';
import type { Labels } from './matchers';
import { isInhibited, matchRoutes } from './routing';

export interface Member {
  view: AlertView;
  labels: Labels;
}

/** One alert group: the alerts of one route with the same group_by values, flushed together. */
export interface AlertGroup {
  key: string;
  route: RouteConfig;
  labels: Labels;
  members: Map<string, Member>;
  nextFlushAt: number;
}

/** How a member counts in a notification: muted members (acknowledged, snoozed, silenced, inhibited) are left out, so nothing repeats for them. */
export type MemberState = 'firing' | 'resolved' | 'muted';

/**
 * Every alert placed in its groups as it changes; groups wait `group_wait` after their first
 * alert, then flush every `group_interval`. Pure bookkeeping: whether and what to send is decided
 * at flush time against the notification log.
 */
export class GroupIndex {
  private readonly groups = new Map<string, AlertGroup>();
  /** Alerts whose condition holds now, for inhibition. */
  private readonly active = new Map<string, Labels>();

  constructor(private readonly config: AlertingConfig) {}

  update(view: AlertView, now: number): void {
    const labels = alertLabels(view.alert);
    const condition = view.alert.state === 'firing' && view.status !== 'resolved';
    if (condition) this.active.set(view.alert.alertId, labels);
    else this.active.delete(view.alert.alertId);
    for (const route of matchRoutes(this.config.route, labels)) {
      const groupLabels = groupLabelsOf(labels, route.groupBy);
      const key = groupKey(route, groupLabels);
      let group = this.groups.get(key);
      if (!group) {
        // A group that would only hold an alert already over is never opened: nobody was told it started.
        if (!condition) continue;
        group = { key, route, labels: groupLabels, members: new Map(), nextFlushAt: now + route.groupWaitMs };
        this.groups.set(key, group);
      }
      group.members.set(view.alert.alertId, { view, labels });
    }
  }

  stateOf(member: Member): MemberState {
    const { view } = member;
    if (view.alert.state === 'cleared' || view.status === 'resolved') return 'resolved';
    // Paused by context (ignition off): not over, so not resolved; not repeated either.
    if (view.status !== 'open' || view.alert.state === 'inhibited') return 'muted';
    return isInhibited(this.config.inhibitRules, member.labels, view.alert.alertId, this.active.entries()) ? 'muted' : 'firing';
  }

  /**
   * The groups due now, most urgent first: by their most severe alert, then in the order they came
   * due. Sends per integration are capped, so under an alert storm this order decides who waits; a
   * critical overheat must not queue behind thousands of offline warnings and clear before its turn.
   */
  due(now: number): AlertGroup[] {
    const due = [...this.groups.values()].filter((group) => group.nextFlushAt <= now);
    const rank = new Map(due.map((group) => [group, urgencyRank(group)]));
    return due.sort((a, b) => (rank.get(a) ?? 0) - (rank.get(b) ?? 0) || a.nextFlushAt - b.nextFlushAt);
  }

  /** After a flush: resolved members are done; an empty group closes. */
  flushed(group: AlertGroup, now: number): void {
    for (const [id, member] of group.members) if (this.stateOf(member) === 'resolved') group.members.delete(id);
    if (group.members.size === 0) this.groups.delete(group.key);
    else group.nextFlushAt = now + group.route.groupIntervalMs;
  }

  get size(): number {
    return this.groups.size;
  }
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** Lower is more urgent: the rank of the group's most severe alert. */
function urgencyRank(group: AlertGroup): number {
  let rank = SEVERITY_RANK.info;
  for (const member of group.members.values()) rank = Math.min(rank, SEVERITY_RANK[member.view.alert.severity]);
  return rank;
}

/** `route.routes[0]:{team="fleet",vehicleId="cab-0001"}`: Alertmanager's form, with the route's place in the file. */
export function groupKey(route: RouteConfig, groupLabels: Labels): string {
  const labels = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`)
    .join(',');
  return `${route.id}:{${labels}}`;
}
