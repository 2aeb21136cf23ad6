import type { Alert, InhibitReason } from '../contracts/alerts';
import { formatNumber } from '../format';

/** What the inbox knows of a zone beyond its id (from the zones snapshot, when the user may read it). */
export interface ZoneFacts {
  name: string;
  capacity: number;
}
export type ZoneLookup = (zoneId: string) => ZoneFacts | undefined;

/** offline / gpsFrozen: the anomaly job's silence watch; their value is how long, in seconds. */
const METRIC_LABELS: Record<string, string> = {
  engineTempC: 'Engine temperature',
  containerTempC: 'Container temperature',
  occupancy: 'People in zone',
  'lag-seconds': 'Lag',
  offline: 'Offline for',
  gpsFrozen: 'GPS frozen for',
};
const METRIC_UNITS: Record<string, string> = { engineTempC: '°C', containerTempC: '°C', occupancy: 'people', 'lag-seconds': 's', offline: 's', gpsFrozen: 's' };
/** What a consumer-lag alert's `status:<x>` metric says happened to the group. */
const GROUP_STATUS_WORDS: Record<string, string> = { stopped: 'stopped', stalled: 'stalled', 'data-loss': 'losing data', unassigned: 'has no consumers' };
const INHIBIT_WORDS: Record<InhibitReason, string> = { 'ignition-off': 'ignition off', offline: 'unit offline' };

export function metricLabel(metric: string): string {
  if (metric.startsWith('status:')) return 'Group status';
  return METRIC_LABELS[metric] ?? metric;
}

/** The unit of a metric's values ("°C", "people", "s"); lag statuses are measured in seconds of lag. */
export function metricUnit(metric: string): string {
  if (metric.startsWith('status:')) return 's';
  return METRIC_UNITS[metric] ?? '';
}

/** "121 °C", "563 people", "95 s": a value with its unit, one decimal at most. */
export function withUnit(value: number, metric: string): string {
  const unit = metricUnit(metric);
  const digits = Number.isInteger(value) ? 0 : 1;
  return unit ? `${formatNumber(value, digits)} ${unit}` : formatNumber(value, digits);
}

/** "normal up to 100 °C", "normal 12–24 °C": the band an alert was judged against, with its unit. */
export function describeBand(alert: Alert): string {
  const { normal, metric } = alert;
  if ('mean' in normal) return `normal ${withUnit(normal.mean, metric)} ± ${withUnit(normal.std, metric)}`;
  const oneSided = ['engineTempC', 'occupancy', 'lag-seconds', 'offline', 'gpsFrozen'].includes(metric) || metric.startsWith('status:');
  if (oneSided) return `normal up to ${withUnit(normal.max, metric)}`;
  return `normal ${formatNumber(normal.min, 1)}–${withUnit(normal.max, metric)}`;
}

/** "Main hall" from "main-hall": a readable zone name when the zones snapshot is not at hand. */
export function humanizeId(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The vehicle, zone or group an alert is about, as people name it: plate, zone name, group id. */
export function subjectName(alert: Alert, zones?: ZoneLookup): string {
  switch (alert.kind) {
    case 'anomaly':
      return alert.plate || alert.vehicleId;
    case 'capacity':
      return zones?.(alert.zoneId)?.name ?? humanizeId(alert.zoneId);
    case 'consumer-lag':
      return alert.groupId;
    case 'external':
      return alert.labels.instance ?? alert.labels.alertname ?? alert.source;
  }
}

/**
 * What happened to what, in words: "Engine temperature 121 °C on NR-008-S", "Main hall over
 * capacity: 563 of 500", "Consumer group demo.telemetry-archiver stopped". Zones and groups come
 * first; a vehicle's reading names the plate at the end, as people say it.
 */
export function alertTitle(alert: Alert, zones?: ZoneLookup): string {
  const subject = subjectName(alert, zones);
  switch (alert.kind) {
    case 'anomaly':
      return `${metricLabel(alert.metric)} ${withUnit(alert.value, alert.metric)} on ${subject}`;
    case 'capacity': {
      const capacity = zones?.(alert.zoneId)?.capacity;
      if (capacity === undefined) return `${subject} crowded: ${withUnit(alert.value, alert.metric)}, ${describeBand(alert)}`;
      const word = alert.value >= capacity ? 'over capacity' : 'near capacity';
      return `${subject} ${word}: ${formatNumber(alert.value)} of ${formatNumber(capacity)}`;
    }
    case 'consumer-lag': {
      const status = alert.metric.startsWith('status:') ? alert.metric.slice('status:'.length) : undefined;
      if (status) return `Consumer group ${subject} ${GROUP_STATUS_WORDS[status] ?? status}`;
      return `Consumer group ${subject} ${withUnit(alert.value, alert.metric)} behind`;
    }
    case 'external':
      return `${alert.labels.alertname ?? 'External alert'} on ${subject}`;
  }
}

/**
 * The list's short title, subject first so a cut one still names it: "NR-008-S: Engine
 * temperature 121 °C"; zones and groups already lead their title.
 */
export function alertRowTitle(alert: Alert, zones?: ZoneLookup): string {
  if (alert.kind !== 'anomaly') return alertTitle(alert, zones);
  return `${subjectName(alert)}: ${metricLabel(alert.metric)} ${withUnit(alert.value, alert.metric)}`;
}

/**
 * The condition in words: "firing", "inhibited: ignition off" (the episode is paused by context,
 * the fault may go on), "cleared" (readings back in band).
 */
export function describeCondition(alert: Pick<Alert, 'state' | 'reason'>): string {
  if (alert.state !== 'inhibited') return alert.state;
  return alert.reason ? `inhibited: ${INHIBIT_WORDS[alert.reason]}` : 'inhibited';
}
