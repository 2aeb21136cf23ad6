import type { InhibitRule, RouteConfig } from './config';
import type { Labels } from './matchers';
import { matchesAll } from './matchers';

/**
 * The routes an alert goes to, as Alertmanager walks the tree: depth first, the first matching
 * child wins unless it says `continue: true`; a route none of whose children match takes the
 * alert itself. The top route matches everything.
 */
export function matchRoutes(route: RouteConfig, labels: Labels): RouteConfig[] {
  if (!matchesAll(route.matchers, labels)) return [];
  const matched: RouteConfig[] = [];
  for (const child of route.routes) {
    const found = matchRoutes(child, labels);
    if (found.length === 0) continue;
    matched.push(...found);
    if (!child.continue) break;
  }
  return matched.length > 0 ? matched : [route];
}

/**
 * Whether a firing source alert inhibits the target: a rule whose target matchers match it, and
 * another alert matching the source matchers with the same values of every `equal` label.
 */
export function isInhibited(rules: readonly InhibitRule[], target: Labels, targetId: string, firing: Iterable<[string, Labels]>): boolean {
  const candidates = rules.filter((rule) => matchesAll(rule.target, target));
  if (candidates.length === 0) return false;
  for (const [sourceId, source] of firing) {
    if (sourceId === targetId) continue;
    for (const rule of candidates) {
      if (matchesAll(rule.source, source) && rule.equal.every((name) => (source[name] ?? '') === (target[name] ?? ''))) return true;
    }
  }
  return false;
}
