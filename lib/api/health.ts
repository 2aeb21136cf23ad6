/** Per-topic counts of one consumer. */
export interface StreamCounts {
  messages: number;
  rejected: number;
  lastMessageAt: number | null;
}

/** `GET /api/health`: open to everyone, so load balancers and the UI can read it. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  kafka: { connected: boolean; brokers: string[] };
  /** What the BFF itself consumed, per topic. */
  streams: Record<string, StreamCounts>;
  /** Messages held in each `dlq.<consumer>` topic: input rejected anywhere in the pipeline. */
  deadLetters: Record<string, number>;
  uptimeS: number;
  instanceId: string;
  /** Why the status is degraded, in words a person can act on. */
  problems: string[];
}
