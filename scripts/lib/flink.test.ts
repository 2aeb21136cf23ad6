import { describe, expect, it } from 'vitest';

import { runningJobs } from './flink';

const job = (name: string, state: string, startTime: number, tasks: { running: number; finished: number; total: number }) => ({
  jid: `${name}-${startTime}`,
  name,
  state,
  'start-time': startTime,
  tasks,
});

describe('runningJobs', () => {
  it("takes each name's newest job, running with every task up (a finished bounded source counts as up)", () => {
    const overview = {
      jobs: [
        job('sales', 'FAILED', 1, { running: 0, finished: 0, total: 3 }),
        job('sales', 'RUNNING', 2, { running: 2, finished: 1, total: 3 }),
        job('anomaly', 'RUNNING', 5, { running: 1, finished: 0, total: 3 }),
      ],
    };
    expect(runningJobs(overview, ['sales', 'anomaly', 'occupancy']).map((found) => found?.jid)).toEqual(['sales-2', undefined, undefined]);
  });

  it('finds nothing in an answer without jobs', () => {
    expect(runningJobs(undefined, ['sales'])).toEqual([undefined]);
    expect(runningJobs({ errors: ['not found'] }, ['sales'])).toEqual([undefined]);
  });
});
