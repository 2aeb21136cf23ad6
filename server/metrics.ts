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
  help: 'Messages in the processors\' dlq.<consumer> topics per kind of reason (too-late, unknown-sensor, timestamp...), read from their dlq.reason headers',
  labelNames: ['topic', 'kind'] as const,
  registers: [registry],
});

export const flinkJobUp = new Gauge({
  name: 'fleetwatch_flink_job_up',
  help: 'Whether each stream job runs on Flink (1) or not (0: restarting, failed, stopped, Flink unreachable), from Flink\'s REST API',
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

export const replaySessions = new Gauge({
  name: 'fleetwatch_replay_sessions',
  help: 'Time-travel reads of Kafka running now (at most REPLAY_MAX_SESSIONS)',
  registers: [registry],
});
