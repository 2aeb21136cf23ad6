import type { AlertingOverview } from '@/lib/api/alerting';
import type { NotificationAttempt } from '@/lib/contracts/notifications';

import type { AlertingConfig, RouteConfig } from './config';
import { formatMatcher } from './matchers';
import type { Integration } from './receivers/integration';

export function describeConfig(
  config: AlertingConfig,
  integrationsOf: (receiver: string) => Integration[],
  recent: readonly NotificationAttempt[],
): AlertingOverview {
  return {
    enabled: true,
    receivers: [...config.receivers.values()].map((receiver) => ({
      name: receiver.name,
      integrations: integrationsOf(receiver.name).map(({ id, kind, target, sendResolved }) => ({ id, kind, target, sendResolved })),
    })),
    routes: flattenRoutes(config.route, 0),
    inhibitRules: config.inhibitRules.map((rule) => ({ source: rule.source.map(formatMatcher), target: rule.target.map(formatMatcher), equal: rule.equal })),
    recentAttempts: [...recent].reverse().slice(0, 100),
  };
}

function flattenRoutes(route: RouteConfig, depth: number): AlertingOverview['routes'] {
  const { id, receiver, groupBy, groupWaitMs, groupIntervalMs, repeatIntervalMs } = route;
  return [
    { id, receiver, matchers: route.matchers.map(formatMatcher), groupBy, groupWaitMs, groupIntervalMs, repeatIntervalMs, continue: route.continue, depth },
    ...route.routes.flatMap((child) => flattenRoutes(child, depth + 1)),
  ];
}
