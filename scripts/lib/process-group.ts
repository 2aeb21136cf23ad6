import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import readline from 'node:readline';

export type ChildEnv = Record<string, string | undefined>;

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  env?: ChildEnv;
}

export interface ManagedChild {
  name: string;
  process: ChildProcess;
  exited: Promise<number | null>;
}

export interface ProcessGroupOptions {
  /** Where children's output goes: the terminal with a name prefix (demo) or a log file (tests). */
  output: { kind: 'terminal' } | { kind: 'file'; path: string };
  /** Called when a child exits while the group is not stopping. */
  onUnexpectedExit?: (child: ManagedChild, code: number | null) => void;
}

const COLORS = [36, 35, 33, 32, 34];

/**
 * The processes of one run (demo or test stack). Stopping sends SIGTERM to all, waits, then
 * SIGKILLs stragglers, so Ctrl-C never leaves a process behind.
 */
export class ProcessGroup {
  private readonly children: ManagedChild[] = [];
  private stopping = false;
  private readonly logFile: fs.WriteStream | undefined;

  constructor(private readonly options: ProcessGroupOptions) {
    if (options.output.kind === 'file') this.logFile = fs.createWriteStream(options.output.path, { flags: 'a' });
  }

  start(spec: ChildSpec): ManagedChild {
    const child = spawn(spec.command, spec.args, { env: { ...process.env, ...spec.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const color = COLORS[this.children.length % COLORS.length] ?? 36;
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => this.write(spec.name, color, line));
    }
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const managed: ManagedChild = { name: spec.name, process: child, exited };
    void exited.then((code) => {
      if (!this.stopping) this.options.onUnexpectedExit?.(managed, code);
    });
    this.children.push(managed);
    return managed;
  }

  async stop(child: ManagedChild, graceMs = 10_000): Promise<void> {
    if (child.process.exitCode !== null || child.process.signalCode !== null) return;
    child.process.kill('SIGTERM');
    const timer = setTimeout(() => child.process.kill('SIGKILL'), graceMs);
    await child.exited;
    clearTimeout(timer);
  }

  /** Stops children in reverse start order: the web server before the pipeline that feeds it. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    for (const child of [...this.children].reverse()) await this.stop(child);
    this.logFile?.end();
  }

  private write(name: string, color: number, line: string): void {
    if (this.logFile) this.logFile.write(`[${name}] ${line}\n`);
    else process.stdout.write(`\x1b[${color}m${name.padEnd(10)}\x1b[0m ${line}\n`);
  }
}

/** Polls a URL until it answers 200 with a body that `accept` likes. */
export async function waitForUrl(url: string, timeoutMs: number, accept: (body: unknown) => boolean = () => true): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body: unknown = await response.json().catch(() => undefined);
      if (response.ok && accept(body)) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error).message;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${url} not ready after ${timeoutMs / 1000} s (${lastProblem})`);
}
