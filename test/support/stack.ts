import fs from 'node:fs';
import path from 'node:path';

import type { ChildEnv, ManagedChild } from '../../scripts/lib/process-group';
import { ProcessGroup, waitForUrl } from '../../scripts/lib/process-group';
import { bffSpec, processorsSpec, simulatorSpec } from '../../scripts/lib/stack';
import { loadConfig } from '../../server/config';
import { ensureProductTopics } from '../../server/kafka/topics';
import { getLogger } from '../../server/logger';

import { TEST_LOG_DIR } from './test-kafka';

export interface StackOptions {
  brokers: string;
  bffPort: number;
  /** Name of the log file under .data/test-logs/ that the processes write to. */
  logName: string;
  cabs: number;
  tankers: number;
  telemetryIntervalMs?: number;
  env?: ChildEnv;
}

/**
 * The product's processes for one test file, against the test broker: simulator, processors
 * and one BFF. Their output goes to a log file, named in every failure message.
 */
export class TestStack {
  readonly url: string;
  readonly logPath: string;
  private readonly group: ProcessGroup;
  private bff: ManagedChild | undefined;

  constructor(private readonly options: StackOptions) {
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    this.logPath = path.join(TEST_LOG_DIR, `${options.logName}.log`);
    fs.writeFileSync(this.logPath, '');
    this.group = new ProcessGroup({ output: { kind: 'file', path: this.logPath } });
    this.url = `http://127.0.0.1:${options.bffPort}`;
  }

  get env(): ChildEnv {
    return {
      KAFKA_BROKERS: this.options.brokers,
      PORT: String(this.options.bffPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      ...this.options.env,
    };
  }

  async start(): Promise<void> {
    const connection = loadConfig({ KAFKA_BROKERS: this.options.brokers }).kafka;
    await ensureProductTopics(connection, getLogger('test-stack'));
    this.group.start(
      simulatorSpec(
        ['--cabs', String(this.options.cabs), '--tankers', String(this.options.tankers), '--interval-ms', String(this.options.telemetryIntervalMs ?? 1000)],
        this.env,
      ),
    );
    this.group.start(processorsSpec(this.env));
    await this.startBff();
  }

  async startBff(): Promise<void> {
    this.bff = this.group.start(bffSpec(this.env));
    await this.waitHealthy();
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

  /** Every test request to the BFF goes through here, so credentials are added in one place. */
  fetch(route: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${this.url}${route}`, init);
  }

  stop(): Promise<void> {
    return this.group.stopAll();
  }
}
