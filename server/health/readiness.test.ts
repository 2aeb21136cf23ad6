import { describe, expect, it } from 'vitest';

import type { ReadinessInputs } from './readiness';
import { readiness } from './readiness';

const flink = { restUrl: 'http://127.0.0.1:8081', reachable: true, jobs: { sales: 'running', anomaly: 'running' } } as const;
const ready: ReadinessInputs = {
  kafka: { connected: true, unreachableSince: null },
  streams: { fleet: 'consuming', alerts: 'consuming' },
  flink,
  requireJobs: true,
};

describe('readiness', () => {
  it('is ready when Kafka answers, every stream consumes and every job runs', () => {
    expect(readiness(ready)).toMatchObject({ ready: true, checks: { kafka: { ok: true }, streams: { ok: true }, jobs: { ok: true } } });
  });

  it('is not ready while Kafka does not answer, and says since when', () => {
    const result = readiness({ ...ready, kafka: { connected: false, unreachableSince: Date.UTC(2026, 0, 1, 16, 6, 20), problem: 'ECONNREFUSED' } });
    expect(result.ready).toBe(false);
    expect(result.checks.kafka.detail).toBe('Kafka unreachable since 2026-01-01T16:06:20.000Z: ECONNREFUSED');
  });

  it('names each stream that is not consuming, and streams not started yet', () => {
    expect(readiness({ ...ready, streams: { fleet: 'consuming', alerts: 'joining', sales: 'crashed' } }).checks.streams).toEqual({
      ok: false,
      detail: 'not consuming: alerts (joining), sales (crashed)',
    });
    expect(readiness({ ...ready, streams: undefined }).checks.streams.ok).toBe(false);
  });

  it('needs every job running on a Flink that answers, unless READY_REQUIRES_JOBS=false', () => {
    expect(readiness({ ...ready, flink: { ...flink, jobs: { sales: 'running', anomaly: 'restarting' } } }).checks.jobs.detail).toBe(
      'jobs not running: anomaly (restarting)',
    );
    expect(readiness({ ...ready, flink: { ...flink, reachable: false, jobs: {} } }).ready).toBe(false);
    expect(readiness({ ...ready, flink: { ...flink, jobs: {} } }).ready).toBe(false);
    expect(readiness({ ...ready, flink: { ...flink, reachable: false, jobs: {} }, requireJobs: false }).ready).toBe(true);
  });
});
