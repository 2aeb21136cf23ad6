import type { ChildProcess } from 'node:child_process';
import { fork } from 'node:child_process';
import path from 'node:path';

import type { LoadClientGroup } from '../fleet/load-clients';
import type { CpuSample } from '../fleet/proc-stats';
import { cpuSample } from '../fleet/proc-stats';

/** Every alert the benchmark writes has an id starting with this, so clients time only those. */
export const ALERT_ID_PREFIX = 'anomaly.clients-bench-';

export type WorkerRequest = { kind: 'open'; url: string; groups: (LoadClientGroup & { count: number })[] } | { kind: 'collect' } | { kind: 'close' };

export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'opened'; clients: number }
  | { kind: 'failed'; message: string }
  | { kind: 'collected'; receipts: Record<string, number[]>; bytes: number; loopP99Ms: number; loopMaxMs: number };

export interface Collected {
  /** Receipt times (ms since the epoch) of each benchmark alert, one per client that got it. */
  receipts: Map<string, number[]>;
  bytes: number;
  /** The busiest client process's event-loop delay since the last collection. */
  loopP99Ms: number;
  loopMaxMs: number;
}

/**
 * The benchmark's clients, spread over child processes (bench/clients/client-worker.ts): one
 * Node process on one core cannot keep thousands of sockets' receipt times honest, so each process
 * gets an equal share and both cores can serve them. Each process's CPU is measured apart.
 */
export class ClientPool {
  private readonly workers: ChildProcess[] = [];

  async start(processes: number): Promise<void> {
    for (let i = 0; i < processes; i += 1) {
      const worker = fork(path.join(__dirname, 'client-worker.ts'), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      this.workers.push(worker);
      await this.next(worker, 'ready');
    }
  }

  get pids(): number[] {
    return this.workers.flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid]));
  }

  cpu(): CpuSample[] {
    return this.pids.map(cpuSample);
  }

  /** Opens clients: `perWorker[i]` are the groups process i opens, one after another. */
  async open(url: string, perWorker: (LoadClientGroup & { count: number })[][]): Promise<void> {
    await Promise.all(
      this.workers.map(async (worker, i) => {
        const groups = perWorker[i] ?? [];
        if (groups.length === 0) return;
        worker.send({ kind: 'open', url, groups } satisfies WorkerRequest);
        const reply = await this.next(worker, 'opened', 'failed');
        if (reply.kind === 'failed') throw new Error(reply.message);
      }),
    );
  }

  async collect(): Promise<Collected> {
    const replies = await Promise.all(
      this.workers.map((worker) => {
        worker.send({ kind: 'collect' } satisfies WorkerRequest);
        return this.next(worker, 'collected');
      }),
    );
    const collected: Collected = { receipts: new Map(), bytes: 0, loopP99Ms: 0, loopMaxMs: 0 };
    for (const reply of replies) {
      if (reply.kind !== 'collected') continue;
      for (const [alertId, times] of Object.entries(reply.receipts)) collected.receipts.set(alertId, [...(collected.receipts.get(alertId) ?? []), ...times]);
      collected.bytes += reply.bytes;
      collected.loopP99Ms = Math.max(collected.loopP99Ms, reply.loopP99Ms);
      collected.loopMaxMs = Math.max(collected.loopMaxMs, reply.loopMaxMs);
    }
    return collected;
  }

  stop(): void {
    for (const worker of this.workers) if (worker.connected) worker.send({ kind: 'close' } satisfies WorkerRequest);
    for (const worker of this.workers) setTimeout(() => worker.kill('SIGKILL'), 2_000).unref();
  }

  private next(worker: ChildProcess, ...kinds: WorkerReply['kind'][]): Promise<WorkerReply> {
    return new Promise((resolve, reject) => {
      const onMessage = (reply: WorkerReply) => {
        if (!kinds.includes(reply.kind)) return;
        worker.off('message', onMessage);
        worker.off('exit', onExit);
        resolve(reply);
      };
      const onExit = (code: number | null) => reject(new Error(`a client process exited (${code}) while waiting for ${kinds.join('/')}`));
      worker.on('message', onMessage);
      worker.once('exit', onExit);
    });
  }
}
