import type { Alert } from '@/lib/contracts/alerts';

import type { Labels } from './matchers';

/**
 * An alert's labels, the names routes, group_by and inhibit rules use. `alertname` is the kind
 * and metric (`anomaly_engineTempC`), because Alertmanager groups by it by default.
 */
export function alertLabels(alert: Alert): Labels {
  // Outside alerts keep their own labels; team and severity are the inbox's reading of them.
  if (alert.kind === 'external') return { ...alert.labels, team: alert.team, severity: alert.severity, kind: alert.kind, source: alert.source };
  const labels: Labels = { alertname: `${alert.kind}_${alert.metric}`, team: alert.team, severity: alert.severity, kind: alert.kind, metric: alert.metric };
  if (alert.kind === 'anomaly') {
    labels.vehicleId = alert.vehicleId;
    if (alert.fleet) labels.fleet = alert.fleet;
    if (alert.plate) labels.plate = alert.plate;
  }
  if (alert.kind === 'capacity') labels.zoneId = alert.zoneId;
  if (alert.kind === 'consumer-lag') labels.groupId = alert.groupId;
  return labels;
}

/** The alert's explanation, in Alertmanager's annotations. */
export function alertAnnotations(alert: Alert, link: string): Record<string, string> {
  const normal =
    'mean' in alert.normal ? `mean ${round(alert.normal.mean)} ± ${round(alert.normal.std)}` : `${round(alert.normal.min)}–${round(alert.normal.max)}`;
  if (alert.kind === 'external')
    return { ...alert.annotations, summary: alert.annotations.summary ?? `${alert.severity} ${alert.metric} from ${alert.source}`, link };
  const subject =
    alert.kind === 'anomaly'
      ? `vehicle ${alert.vehicleId}${alert.plate ? ` (${alert.plate})` : ''}`
      : alert.kind === 'capacity'
        ? `zone ${alert.zoneId}`
        : `consumer group ${alert.groupId}`;
  return {
    summary: `${alert.severity} ${alert.metric} on ${subject}: ${round(alert.value)} (normal ${normal})`,
    description: `${alert.kind} alert ${alert.alertId}, team ${alert.team}, state ${alert.state}`,
    link,
  };
}

function round(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The label subset a group is keyed by; `...` is every label. */
export function groupLabelsOf(labels: Labels, groupBy: readonly string[]): Labels {
  if (groupBy.includes('...')) return { ...labels };
  const picked: Labels = {};
  for (const name of groupBy) if (labels[name] !== undefined) picked[name] = labels[name];
  return picked;
}

/** Labels every one of the sets shares with the same value. */
export function commonLabels(sets: readonly Labels[]): Labels {
  const [first, ...rest] = sets;
  if (!first) return {};
  return Object.fromEntries(Object.entries(first).filter(([name, value]) => rest.every((labels) => labels[name] === value)));
}
