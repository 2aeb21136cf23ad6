import { z } from 'zod';

import type { FlinkHealth, FlinkJobState } from '@/lib/api/health';

import type { Logger } from '../logger';
import { flinkJobUp } from '../metrics';

/** The part of Flink's `GET /jobs/overview` this reads; anything else in the answer is ignored. */
const overviewSchema = z.object({
  jobs: z.array(z.object({ name: z.string(), state: z.string(), 'start-time': z.number() })),
});

const STATES: Record<string, FlinkJobState> = {
  RUNNING: 'running',
  RESTARTING: 'restarting',
  FAILING: 'failed',
  FAILED: 'failed',
  CREATED: 'starting',
  INITIALIZING: 'starting',
  RECONCILING: 'starting',
  CANCELLING: 'stopped',
  CANCELED: 'stopped',
  FINISHED: 'stopped',
  SUSPENDED: 'stopped',
};

/** Each job's newest run: a restarted runner leaves the earlier, cancelled runs in the list. */
export function jobStates(overview: z.infer<typeof overviewSchema>): Record<string, FlinkJobState> {
  const newest = new Map<string, { state: string; startedAt: number }>();
  for (const job of overview.jobs) {
    const seen = newest.get(job.name);
    if (!seen || job['start-time'] >= seen.startedAt) newest.set(job.name, { state: job.state, startedAt: job['start-time'] });
  }
  return Object.fromEntries([...newest].map(([name, job]) => [name, STATES[job.state] ?? 'starting']));
}

/** What health lists as problems: jobs not running, and a Flink that answered before and no longer does. */
export function flinkProblems(health: FlinkHealth, everReachable: boolean): string[] {
  if (!health.reachable) return everReachable ? [`Flink's REST API at ${health.restUrl} does not answer: the stream jobs may be down`] : [];
  return Object.entries(health.jobs)
    .filter(([, state]) => state === 'failed' || state === 'restarting')
    .map(([name, state]) => `Flink job ${name} is ${state} (see ${health.restUrl})`);
}

/**
 * Asks Flink's REST API, on an interval, for the stream jobs' states: for `/api/health` and the
 * `fleetwatch_flink_job_up` gauge. A BFF started without Flink (only its own tests) reports
 * Flink as unreachable without calling that a problem, until Flink has answered once.
 */
export class FlinkMonitor {
  private timer: NodeJS.Timeout | undefined;
  private health: FlinkHealth;
  private everReachable = false;
  /** Every job ever seen, so the gauge drops to 0 for all of them when Flink goes away. */
  private readonly known = new Set<string>();

  constructor(
    restUrl: string,
    private readonly logger: Logger,
    private readonly intervalMs = 5_000,
  ) {
    this.health = { restUrl, reachable: false, jobs: {} };
  }

  start(): void {
    void this.check();
    this.timer = setInterval(() => void this.check(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  status(): FlinkHealth & { problems: string[] } {
    return { ...this.health, jobs: { ...this.health.jobs }, problems: flinkProblems(this.health, this.everReachable) };
  }

  /** Runs one check now (tests use it to avoid waiting for the interval). */
  async check(): Promise<void> {
    const { restUrl } = this.health;
    let jobs: Record<string, FlinkJobState>;
    try {
      const response = await fetch(`${restUrl}/jobs/overview`, { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      jobs = jobStates(overviewSchema.parse(await response.json()));
    } catch (error) {
      if (this.health.reachable) this.logger.warn({ restUrl, err: (error as Error).message }, 'Flink REST API unreachable; retrying');
      for (const job of this.known) flinkJobUp.set({ job }, 0);
      // Unknown while Flink does not answer: not "as last seen", which could claim a dead job runs.
      this.health = { restUrl, reachable: false, jobs: {} };
      return;
    }
    for (const [job, state] of Object.entries(jobs)) {
      if (state !== this.health.jobs[job]) this.logger.info({ job, state }, 'Flink job state');
      flinkJobUp.set({ job }, state === 'running' ? 1 : 0);
      this.known.add(job);
    }
    this.everReachable = true;
    this.health = { restUrl, reachable: true, jobs };
  }
}
