import type { FlinkHealth, ReadinessCheck, ReadinessResponse } from '@/lib/api/health';

import type { ConsumerState } from '../kafka/contract-consumer';

export interface ReadinessInputs {
  kafka: { connected: boolean; unreachableSince: number | null; problem?: string };
  /** undefined: the streams have not started yet (Kafka never answered since the start). */
  streams: Record<string, ConsumerState> | undefined;
  flink: FlinkHealth;
  /** READY_REQUIRES_JOBS. */
  requireJobs: boolean;
}

/**
 * The rules of `GET /api/health/ready`, as a Kubernetes readiness probe means them: this instance
 * serves live data only if Kafka answers, every stream it serves is consuming, and the stream
 * jobs that feed those streams run. Each rule says why it fails, in words a person can act on.
 */
export function readiness(inputs: ReadinessInputs): ReadinessResponse {
  const checks = { kafka: kafkaCheck(inputs.kafka), streams: streamsCheck(inputs.streams), jobs: jobsCheck(inputs.flink, inputs.requireJobs) };
  return { ready: Object.values(checks).every((check) => check.ok), checks };
}

function kafkaCheck(kafka: ReadinessInputs['kafka']): ReadinessCheck {
  if (kafka.connected) return { ok: true, detail: 'Kafka answers' };
  const since = kafka.unreachableSince === null ? '' : ` since ${new Date(kafka.unreachableSince).toISOString()}`;
  return { ok: false, detail: `Kafka unreachable${since}${kafka.problem ? `: ${kafka.problem}` : ''}` };
}

function streamsCheck(streams: ReadinessInputs['streams']): ReadinessCheck {
  if (!streams) return { ok: false, detail: 'the streams have not started yet' };
  const idle = Object.entries(streams).filter(([, state]) => state !== 'consuming');
  if (idle.length > 0) return { ok: false, detail: `not consuming: ${idle.map(([name, state]) => `${name} (${state})`).join(', ')}` };
  return { ok: true, detail: `${Object.keys(streams).length} streams consuming` };
}

function jobsCheck(flink: FlinkHealth, requireJobs: boolean): ReadinessCheck {
  if (!requireJobs) return { ok: true, detail: 'not checked (READY_REQUIRES_JOBS=false)' };
  if (!flink.reachable) return { ok: false, detail: `Flink's REST API at ${flink.restUrl} does not answer` };
  const jobs = Object.entries(flink.jobs);
  if (jobs.length === 0) return { ok: false, detail: `Flink at ${flink.restUrl} runs no job` };
  const notRunning = jobs.filter(([, state]) => state !== 'running');
  if (notRunning.length > 0) return { ok: false, detail: `jobs not running: ${notRunning.map(([name, state]) => `${name} (${state})`).join(', ')}` };
  return { ok: true, detail: `${jobs.length} jobs running` };
}
