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

/** `GET /api/health`: open to everyone, so load balancers and the UI can read it. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  kafka: { connected: boolean; brokers: string[] };
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
