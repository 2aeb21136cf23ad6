import fs from 'node:fs';
import path from 'node:path';

import type { ChildEnv } from '../../scripts/lib/process-group';
import { ProcessGroup } from '../../scripts/lib/process-group';
import { simulatorSpec } from '../../scripts/lib/stack';

import { TEST_LOG_DIR } from './test-kafka';
import { userEnv } from './user-env';

/** A small simulator started as an operator would: only the given settings (Kafka ones), nothing of the BFF's. */
export class SimulatorProcess {
  readonly logPath: string;
  private readonly group: ProcessGroup;

  constructor(logName: string) {
    fs.mkdirSync(TEST_LOG_DIR, { recursive: true });
    this.logPath = path.join(TEST_LOG_DIR, `${logName}.log`);
    fs.writeFileSync(this.logPath, '');
    this.group = new ProcessGroup({ output: { kind: 'file', path: this.logPath } });
  }

  start(settings: ChildEnv): void {
    const args = ['--cabs', '3', '--tankers', '2', '--purchases-per-s', '0', '--sightings-per-s', '0', '--no-archiver'];
    this.group.start({ ...simulatorSpec(args), env: userEnv(settings) });
  }

  log(): string {
    return fs.readFileSync(this.logPath, 'utf8');
  }

  async waitForLog(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!pattern.test(this.log())) {
      if (Date.now() > deadline) throw new Error(`no log line matching ${pattern} within ${timeoutMs} ms; see ${this.logPath}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  stop(): Promise<void> {
    return this.group.stopAll();
  }
}
