import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus registry. Default metrics include `nodejs_eventloop_lag_*`, the
 * event-loop delay the BFF is judged by.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

export const messagesConsumed = new Counter({
  name: 'fleetwatch_messages_consumed_total',
  help: 'Kafka messages consumed and accepted, per topic',
  labelNames: ['topic'] as const,
  registers: [registry],
});

export const messagesRejected = new Counter({
  name: 'fleetwatch_messages_rejected_total',
  help: 'Kafka messages rejected (sent to the DLQ), per topic and kind of fault',
  labelNames: ['topic', 'kind'] as const,
  registers: [registry],
});

export const socketClients = new Gauge({
  name: 'fleetwatch_socket_clients',
  help: 'Socket.IO clients connected now',
  registers: [registry],
});

export const socketSubscriptions = new Gauge({
  name: 'fleetwatch_socket_subscriptions',
  help: 'Socket.IO subscriptions per channel kind',
  labelNames: ['channel'] as const,
  registers: [registry],
});

export const socketRejections = new Counter({
  name: 'fleetwatch_socket_rejections_total',
  help: 'Socket.IO requests rejected, per reason',
  labelNames: ['reason'] as const,
  registers: [registry],
});

export const socketFramesSent = new Counter({
  name: 'fleetwatch_socket_frames_sent_total',
  help: 'Frames broadcast to channel rooms, per event',
  labelNames: ['event'] as const,
  registers: [registry],
});

export const deadLetterMessages = new Gauge({
  name: 'fleetwatch_dead_letter_messages',
  help: 'Messages held in each dlq.<consumer> topic: input that any consumer of the pipeline rejected',
  labelNames: ['topic'] as const,
  registers: [registry],
});

export const httpRejections = new Counter({
  name: 'fleetwatch_http_rejections_total',
  help: 'HTTP requests refused before reaching a route (401, 403, 429), per error code',
  labelNames: ['code'] as const,
  registers: [registry],
});

export const deadLetterReasons = new Gauge({
  name: 'fleetwatch_dead_letter_reasons',
  help: "Messages in the processors' dlq.<consumer> topics per kind of reason (too-late, unknown-sensor, timestamp...), read from their dlq.reason headers",
  labelNames: ['topic', 'kind'] as const,
  registers: [registry],
});

export const flinkJobUp = new Gauge({
  name: 'fleetwatch_flink_job_up',
  help: "Whether each stream job runs on Flink (1) or not (0: restarting, failed, stopped, Flink unreachable), from Flink's REST API",
  labelNames: ['job'] as const,
  registers: [registry],
});

export const lagPollSeconds = new Gauge({
  name: 'fleetwatch_lag_poll_seconds',
  help: 'How long the last full poll of the consumer lag monitor took',
  registers: [registry],
});

export const lagGroups = new Gauge({
  name: 'fleetwatch_lag_groups',
  help: 'Consumer groups watched by the lag monitor, per status',
  labelNames: ['status'] as const,
  registers: [registry],
});

export const notificationsTotal = new Counter({
  name: 'fleetwatch_notifications_total',
  help: 'Notification attempts per receiver, integration kind (webhook, email, slack, sns) and outcome (sent, retrying, failed)',
  labelNames: ['receiver', 'integration', 'outcome'] as const,
  registers: [registry],
});

export const kafkaReachable = new Gauge({
  name: 'fleetwatch_kafka_reachable',
  help: "Whether the BFF's health probe reaches Kafka (1) or not (0), asked every KAFKA_PROBE_INTERVAL_MS",
  registers: [registry],
});

/*
 * Consumer lag under kafka-lag-exporter's names and labels, so the dashboards and alerts platform
 * teams already have for it work unchanged (cluster_name: LAG_CLUSTER_NAME). Only the groups the
 * lag monitor watches (LAG_GROUPS_ALLOW / LAG_GROUPS_DENY), rewritten after every poll.
 */
const PARTITION_LABELS = ['cluster_name', 'group', 'topic', 'partition', 'member_host', 'consumer_id', 'client_id'] as const;

export const lagGroupOffset = new Gauge({
  name: 'kafka_consumergroup_group_offset',
  help: 'The offset of the last consumed offset for this partition in this topic partition for this group.',
  labelNames: PARTITION_LABELS,
  registers: [registry],
});
export const lagGroupLag = new Gauge({
  name: 'kafka_consumergroup_group_lag',
  help: "Offset lag: end offset minus the group's committed offset, per partition.",
  labelNames: PARTITION_LABELS,
  registers: [registry],
});
export const lagGroupLagSeconds = new Gauge({
  name: 'kafka_consumergroup_group_lag_seconds',
  help: "Time lag: age of the next record the group has to read, per partition (the record's timestamp, or interpolated).",
  labelNames: PARTITION_LABELS,
  registers: [registry],
});
export const lagGroupMaxLag = new Gauge({
  name: 'kafka_consumergroup_group_max_lag',
  help: 'Highest offset lag of any partition of the group.',
  labelNames: ['cluster_name', 'group', 'is_simple_consumer'] as const,
  registers: [registry],
});
export const lagGroupMaxLagSeconds = new Gauge({
  name: 'kafka_consumergroup_group_max_lag_seconds',
  help: 'Highest time lag of any partition of the group.',
  labelNames: ['cluster_name', 'group', 'is_simple_consumer'] as const,
  registers: [registry],
});
export const lagGroupSumLag = new Gauge({
  name: 'kafka_consumergroup_group_sum_lag',
  help: 'Sum of the offset lag of every partition of the group.',
  labelNames: ['cluster_name', 'group'] as const,
  registers: [registry],
});
export const lagGroupTopicSumLag = new Gauge({
  name: 'kafka_consumergroup_group_topic_sum_lag',
  help: "Sum of the offset lag of the group's partitions of one topic.",
  labelNames: ['cluster_name', 'group', 'topic'] as const,
  registers: [registry],
});
export const lagPartitionLatestOffset = new Gauge({
  name: 'kafka_partition_latest_offset',
  help: 'End offset of a partition the watched groups read.',
  labelNames: ['cluster_name', 'topic', 'partition'] as const,
  registers: [registry],
});
export const lagPartitionEarliestOffset = new Gauge({
  name: 'kafka_partition_earliest_offset',
  help: 'Earliest offset of a partition the watched groups read.',
  labelNames: ['cluster_name', 'topic', 'partition'] as const,
  registers: [registry],
});
export const lagGroupStatus = new Gauge({
  name: 'kafka_consumergroup_group_status',
  help: "The lag view's status of each group: 1 for its status now (ok, lagging, stalled, stopped, rewinding, unassigned, data-loss), 0 for the others",
  labelNames: ['cluster_name', 'group', 'status'] as const,
  registers: [registry],
});
export const consumerGroupInfo = new Gauge({
  name: 'kminion_kafka_consumer_group_info',
  help: "Consumer group info as KMinion exports it: Kafka's group state (Stable, Empty, ...) in the state label; always 1.",
  labelNames: ['group_id', 'state'] as const,
  registers: [registry],
});

export const replaySessions = new Gauge({
  name: 'fleetwatch_replay_sessions',
  help: 'Time-travel reads of Kafka running now (at most REPLAY_MAX_SESSIONS)',
  registers: [registry],
});

export const replayStepsServed = new Counter({
  name: 'fleetwatch_replay_steps_total',
  help: 'Playback steps answered, by where they came from: cache (the step cache), snapshots (fleet.snapshots), fixes (fleet.vehicle-state)',
  labelNames: ['source'] as const,
  registers: [registry],
});

export const replayStepCacheBytes = new Gauge({
  name: 'fleetwatch_replay_step_cache_bytes',
  help: 'Bytes of serialized whole-fleet steps the replay worker keeps (at most REPLAY_STEP_CACHE_MB)',
  registers: [registry],
});
