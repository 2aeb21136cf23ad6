import http from 'node:http';
import type { AddressInfo } from 'node:net';

import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { registry } from '../metrics';

import { FlinkMonitor, jobStates } from './flink-monitor';

const job = (name: string, state: string, startedAt: number) => ({ jid: `${name}-${startedAt}`, name, state, 'start-time': startedAt, tasks: {} });

describe('jobStates', () => {
  it("takes each job's newest run and names its state in plain words", () => {
    const states = jobStates({
      jobs: [
        job('sales', 'CANCELED', 1),
        job('sales', 'RUNNING', 2),
        job('anomaly', 'RESTARTING', 1),
        job('occupancy', 'FAILED', 1),
        job('fleet-state', 'INITIALIZING', 1),
      ],
    });
    expect(states).toEqual({ sales: 'running', anomaly: 'restarting', occupancy: 'failed', 'fleet-state': 'starting' });
  });
});

describe('FlinkMonitor against a REST API', () => {
  let overview: unknown = { jobs: [] };
  let up = true;
  const server = http.createServer((request, response) => {
    if (!up || request.url !== '/jobs/overview') return void response.writeHead(503).end();
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(overview));
  });
  let monitor: FlinkMonitor;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    monitor = new FlinkMonitor(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, pino({ level: 'silent' }));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('reports no problem while Flink has never answered (a BFF without the pipeline)', async () => {
    up = false;
    await monitor.check();
    expect(monitor.status()).toMatchObject({ reachable: false, jobs: {}, problems: [] });
  });

  it("reports each job's state, a restarting job as a problem, and sets fleetwatch_flink_job_up", async () => {
    up = true;
    overview = { jobs: [job('fleet-state', 'RUNNING', 1), job('sales', 'RESTARTING', 1)] };
    await monitor.check();
    const status = monitor.status();
    expect(status).toMatchObject({ reachable: true, jobs: { 'fleet-state': 'running', sales: 'restarting' } });
    expect(status.problems).toEqual([expect.stringMatching(/^Flink job sales is restarting/)]);
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/fleetwatch_flink_job_up\{job="fleet-state"\} 1/);
    expect(metrics).toMatch(/fleetwatch_flink_job_up\{job="sales"\} 0/);
  });

  it('calls a Flink that answered before and no longer does a problem, with every job down', async () => {
    up = false;
    await monitor.check();
    expect(monitor.status().problems).toEqual([expect.stringMatching(/REST API .* does not answer/)]);
    expect(await registry.metrics()).toMatch(/fleetwatch_flink_job_up\{job="fleet-state"\} 0/);
  });
});
