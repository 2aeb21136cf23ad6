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
  streams: Record<string, StreamCounts>;
  uptimeS: number;
  instanceId: string;
  /** Why the status is degraded, in words a person can act on. */
  problems: string[];
}
