/** Per-topic counts of one consumer. */
export interface StreamCounts {
  messages: number;
  rejected: number;
  lastMessageAt: number | null;
}

/** A stream job's state on Flink, from Flink's REST API (`starting`: created or initializing; `stopped`: cancelled or finished). */
export type FlinkJobState = 'running' | 'restarting' | 'failed' | 'starting' | 'stopped';

export interface FlinkHealth {
  /** Where the BFF asks (FLINK_REST_URL): the embedded runner's web UI, or a cluster's JobManager. */
  restUrl: string;
  reachable: boolean;
  /** Each job by name (its newest run). */
  jobs: Record<string, FlinkJobState>;
}

/** Whether the BFF's probe reaches Kafka; `since`: when it stopped answering (null while it answers). */
export interface KafkaReachability {
  reachable: boolean;
  since: number | null;
}

/**
 * `GET /api/health`: open to everyone, so load balancers can read it; an anonymous caller gets
 * only `{status}` (HealthSummary), a caller with an API token or METRICS_TOKEN the whole answer.
 */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  /** `unreachableSince`: when the probe first found it gone (epoch ms), null while it answers. */
  kafka: { connected: boolean; brokers: string[]; unreachableSince: number | null };
  /** What the BFF itself consumed, per topic. */
  streams: Record<string, StreamCounts>;
  /** Messages held in each `dlq.<consumer>` topic: input rejected anywhere in the pipeline. */
  deadLetters: Record<string, number>;
  /** The stream jobs on Flink. */
  flink: FlinkHealth;
  uptimeS: number;
  instanceId: string;
  /** Why the status is degraded, in words a person can act on. */
  problems: string[];
}

/** What an anonymous caller of `GET /api/health` gets: up or down, nothing else. */
export type HealthSummary = Pick<HealthResponse, 'status'>;

/** One rule of `GET /api/health/ready`, with why it fails. */
export interface ReadinessCheck {
  ok: boolean;
  detail: string;
}

/**
 * `GET /api/health/ready` (200 when `ready`, else 503), the way Kubernetes probes readiness:
 * Kafka answers, every stream consumes, the stream jobs run. Open to everyone, like `/api/health`.
 */
export interface ReadinessResponse {
  ready: boolean;
  checks: { kafka: ReadinessCheck; streams: ReadinessCheck; jobs: ReadinessCheck };
}
