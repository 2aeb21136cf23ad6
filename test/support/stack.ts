import fs from 'node:fs';
import path from 'node:path';

import pino from 'pino';

import { loadKafkaSettings } from '@/platform/kafka/settings';
import { ensureProductTopics } from '@/platform/kafka/topics';

import type { StreamJobName } from '../../scripts/lib/flink';
import { FLINK_JOBS, ensureFlinkJar, flinkRunnerSpec, waitForFlinkJobs } from '../../scripts/lib/flink';
import type { ChildEnv, ManagedChild } from '../../scripts/lib/process-group';
import { ProcessGroup, waitForUrl } from '../../scripts/lib/process-group';
import { ROOT, bffSpec, simulatorSpec } from '../../scripts/lib/stack';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

import { TEST_LOG_DIR } from './test-kafka';

export interface StackOptions {
  brokers: string;
  bffPort: number;
  /** Name of the log file under .data/test-logs/ that the processes write to. */
  logName: string;
  cabs: number;
  tankers: number;
  telemetryIntervalMs?: number;
  /** More simulator flags, e.g. `['--speedup', '30', '--purchases-per-s', '20']`. */
  simulatorArgs?: string[];
  /** False: only the BFF, for tests about the BFF itself (access control, validation). */
  pipeline?: boolean;
  /** The Flink jobs to run (default: all), e.g. only fleet-state and anomaly for a file that needs only engine alerts. */
  flinkJobs?: readonly StreamJobName[];
  env?: ChildEnv;
  /** Settings for the BFF alone, over `env` (e.g. a benchmark's `NODE_OPTIONS=--inspect` that the other processes must not get). */
  bffEnv?: ChildEnv;
  /** How long the BFF may take to answer healthy and the Flink jobs to run (default 90 s and 120 s): a benchmark on a loaded machine needs more. */
  startTimeoutMs?: number;
}

/**
 * The product's processes for one test file, against the test broker: simulator, stream jobs
 * (the Flink runner with every job, or those named) and one BFF. Their output goes to a log file,
 * named in every failure message. Flink's REST and Prometheus ports are the BFF's port + 100 and
 * + 200, and its checkpoints live in a folder of this file's own, emptied at start.
 */
export class TestStack {
  readonly url: string;
  readonly logPath: string;
  private readonly group: ProcessGroup;
  readonly flinkRestUrl: string;
  readonly checkpointDir: string;
  private bff: ManagedChild | undefined;
  private flink: ManagedChild | undefined;
  private readonly started: ManagedChild[] = [];

  constructor(private readonly options: StackOptions) {
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    this.logPath = path.join(TEST_LOG_DIR, `${options.logName}.log`);
    fs.writeFileSync(this.logPath, '');
    this.checkpointDir = path.join(ROOT, '.data', 'test-flink', options.logName, 'checkpoints');
    fs.rmSync(this.checkpointDir, { recursive: true, force: true });
    this.flinkRestUrl = `http://127.0.0.1:${options.bffPort + 100}`;
    this.group = new ProcessGroup({ output: { kind: 'file', path: this.logPath } });
    this.url = `http://127.0.0.1:${options.bffPort}`;
  }

  get env(): ChildEnv {
    return {
      KAFKA_BROKERS: this.options.brokers,
      PORT: String(this.options.bffPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      // The demo's users (password "demo") and admin token are what tests sign in with.
      DEMO_MODE: 'true',
      FLINK_REST_PORT: String(this.options.bffPort + 100),
      FLINK_PROMETHEUS_PORT: String(this.options.bffPort + 200),
      FLINK_CHECKPOINT_DIR: this.checkpointDir,
      ...this.options.env,
    };
  }

  async start(): Promise<void> {
    const connection = loadKafkaSettings({ KAFKA_BROKERS: this.options.brokers }).kafka;
    // The test process has no product settings of its own, so it logs through a plain logger.
    await ensureProductTopics(connection, pino({ level: 'warn' }));
    if (this.options.pipeline === false) return this.startBff();
    await ensureFlinkJar(() => undefined);
    this.track(
      simulatorSpec(
        [
          '--cabs',
          String(this.options.cabs),
          '--tankers',
          String(this.options.tankers),
          '--interval-ms',
          String(this.options.telemetryIntervalMs ?? 1000),
          ...(this.options.simulatorArgs ?? []),
        ],
        this.env,
      ),
    );
    this.startFlink();
    await this.startBff();
    await this.waitFlinkJobsRunning(this.options.startTimeoutMs);
  }

  /**
   * Waits until Flink's REST API lists every Flink job with all its tasks running and records
   * moving through it (a JVM start takes 10-30 s on a busy machine; the first records a few more).
   * `names`: only these jobs, for a file whose simulator feeds the others nothing new.
   */
  async waitFlinkJobsRunning(timeoutMs = 120_000, names: readonly string[] = this.flinkJobs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    try {
      for (const job of await waitForFlinkJobs(this.flinkRestUrl, timeoutMs, names)) {
        const moving = (body: unknown) =>
          ((body as { vertices?: { metrics: Record<string, number> }[] }).vertices ?? []).some(
            (vertex) => (vertex.metrics['read-records'] ?? 0) + (vertex.metrics['write-records'] ?? 0) > 0,
          );
        await waitForUrl(`${this.flinkRestUrl}/jobs/${job.jid}`, Math.max(1_000, deadline - Date.now()), moving);
      }
    } catch (error) {
      throw new Error(`Flink jobs not running: ${(error as Error).message}; see ${this.logPath}`);
    }
  }

  /** Kills the Flink JVM outright (SIGKILL: no final checkpoint, no clean stop), as a crash would. */
  async killFlink(): Promise<void> {
    const flink = this.flink;
    if (!flink || flink.process.exitCode !== null || flink.process.signalCode !== null) return;
    flink.process.kill('SIGKILL');
    await flink.exited;
  }

  /** Starts the Flink runner again, as an operator restarting it would. */
  startFlink(): void {
    this.flink = this.track(flinkRunnerSpec(this.flinkJobs, this.env));
  }

  private get flinkJobs(): readonly StreamJobName[] {
    return this.options.flinkJobs ?? FLINK_JOBS;
  }

  async startBff(): Promise<void> {
    this.bff = this.track(bffSpec({ ...this.env, ...this.options.bffEnv }));
    await this.waitHealthy(this.options.startTimeoutMs);
  }

  async stopBff(): Promise<void> {
    if (this.bff) await this.group.stop(this.bff);
  }

  async waitHealthy(timeoutMs = 90_000): Promise<void> {
    try {
      await waitForUrl(`${this.url}/api/health`, timeoutMs, (body) => (body as { status?: string }).status === 'ok');
    } catch (error) {
      throw new Error(`${(error as Error).message}; see ${this.logPath}`);
    }
  }

  /** GET a BFF route as an authorised machine client would; fails the test on a non-2xx answer. */
  async fetchJson<T>(route: string): Promise<T> {
    const response = await this.fetch(route);
    if (!response.ok) throw new Error(`GET ${route}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** GET a route whose answer is JSON whatever its status (health and readiness answer 503 with a body). */
  async fetchJsonAnyStatus<T>(route: string): Promise<{ status: number; body: T }> {
    const response = await this.fetch(route);
    return { status: response.status, body: (await response.json()) as T };
  }

  /**
   * Every test request to the BFF goes through here, so credentials are added in one place:
   * the admin API token unless `token` says otherwise (`null`: no credentials at all).
   */
  fetch(route: string, init: RequestInit = {}, token: string | null = DEMO_ADMIN_TOKEN): Promise<Response> {
    const headers = new Headers(init.headers);
    if (token !== null) headers.set('authorization', `Bearer ${token}`);
    return fetch(`${this.url}${route}`, { ...init, headers, redirect: 'manual' });
  }

  /** Waits until a process of this stack writes a log line matching `pattern` (e.g. the simulator listening for scenarios). */
  async waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(fs.readFileSync(this.logPath, 'utf8'))) {
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms; see ${this.logPath}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** Process ids of the running processes by name (simulator, processors, bff), e.g. for a benchmark's CPU figures. */
  processIds(): Record<string, number> {
    const ids: Record<string, number> = {};
    for (const child of this.started) if (child.process.pid !== undefined && child.process.exitCode === null) ids[child.name] = child.process.pid;
    return ids;
  }

  private track(spec: Parameters<ProcessGroup['start']>[0]): ManagedChild {
    const child = this.group.start(spec);
    this.started.push(child);
    return child;
  }

  stop(): Promise<void> {
    return this.group.stopAll();
  }
}
