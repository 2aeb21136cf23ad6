/**
 * Every topic the product uses, with the settings it is created with when missing.
 * An existing topic is never altered: on a user's cluster its settings are theirs.
 */
export interface TopicSpec {
  name: string;
  partitions: number;
  /** Compacted topics are tables (latest value per key); the others are streams with a retention. */
  compacted: boolean;
  retentionMs?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const TOPICS = {
  telemetryRaw: 'fleet.telemetry.raw',
  vehicles: 'fleet.vehicles',
  purchase: 'purchase',
  bookstore: 'bookstore',
  book: 'book',
  badgeSightings: 'campus.badge-sightings',
  zones: 'campus.zones',
  vehicleState: 'fleet.vehicle-state',
  fleetSnapshots: 'fleet.snapshots',
  anomalies: 'fleet.anomalies',
  salesPerMinute: 'bookstore.sales-per-minute',
  zoneOccupancy: 'campus.zone-occupancy',
  zoneAlerts: 'campus.zone-alerts',
  lagAlerts: 'platform.lag-alerts',
  alertActions: 'alerts.actions',
  alertSilences: 'alerts.silences',
  alertNotifications: 'alerts.notifications',
  externalAlerts: 'alerts.external',
  simulatorControl: 'simulator.control',
} as const;

export type TopicName = (typeof TOPICS)[keyof typeof TOPICS];

export const TOPIC_SPECS: readonly TopicSpec[] = [
  { name: TOPICS.telemetryRaw, partitions: 6, compacted: false, retentionMs: 6 * HOUR },
  { name: TOPICS.vehicles, partitions: 3, compacted: true },
  { name: TOPICS.purchase, partitions: 3, compacted: false, retentionMs: 2 * DAY },
  { name: TOPICS.bookstore, partitions: 1, compacted: true },
  { name: TOPICS.book, partitions: 1, compacted: true },
  { name: TOPICS.badgeSightings, partitions: 3, compacted: false, retentionMs: DAY },
  { name: TOPICS.zones, partitions: 1, compacted: true },
  { name: TOPICS.vehicleState, partitions: 6, compacted: false, retentionMs: 6 * HOUR },
  // Kept as long as fleet.vehicle-state: a replay anywhere in its retention starts from a snapshot.
  { name: TOPICS.fleetSnapshots, partitions: 3, compacted: false, retentionMs: 6 * HOUR },
  { name: TOPICS.anomalies, partitions: 3, compacted: false, retentionMs: 7 * DAY },
  { name: TOPICS.salesPerMinute, partitions: 3, compacted: true },
  { name: TOPICS.zoneOccupancy, partitions: 3, compacted: true },
  { name: TOPICS.zoneAlerts, partitions: 1, compacted: false, retentionMs: 7 * DAY },
  { name: TOPICS.lagAlerts, partitions: 1, compacted: false, retentionMs: 7 * DAY },
  { name: TOPICS.alertActions, partitions: 3, compacted: false, retentionMs: 30 * DAY },
  // Not compacted: every change of a silence (created, lifted) stays as its audit trail.
  { name: TOPICS.alertSilences, partitions: 1, compacted: false, retentionMs: 30 * DAY },
  // The notifier's log and the trail of every delivery attempt; its partitions also pick each alert group's one sender.
  { name: TOPICS.alertNotifications, partitions: 6, compacted: false, retentionMs: 30 * DAY },
  { name: TOPICS.externalAlerts, partitions: 3, compacted: false, retentionMs: 7 * DAY },
  { name: TOPICS.simulatorControl, partitions: 1, compacted: false, retentionMs: HOUR },
];

const FLEET_HISTORY_TOPICS: readonly string[] = [TOPICS.vehicleState, TOPICS.fleetSnapshots];

/** The product's topics with the settings a deployment chooses: fleet.vehicle-state's retention (FLEET_STATE_RETENTION_H), its snapshots' too. */
export function productTopicSpecs(settings: { vehicleStateRetentionMs: number }): TopicSpec[] {
  return TOPIC_SPECS.map((spec) => (FLEET_HISTORY_TOPICS.includes(spec.name) ? { ...spec, retentionMs: settings.vehicleStateRetentionMs } : spec));
}

/** Where a consumer's rejected input goes, with the reason in a header. */
export function dlqTopic(consumer: string): string {
  return `dlq.${consumer}`;
}

export function dlqTopicSpec(consumer: string): TopicSpec {
  return { name: dlqTopic(consumer), partitions: 1, compacted: false, retentionMs: 7 * DAY };
}
