import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import type { ReplayScene, ReplaySteps, ReplayTimeline, Retention } from '@/lib/contracts/replay';
import { REPLAY_ERRORS } from '@/lib/contracts/replay';
import type { Trip } from '@/lib/contracts/trip';
import type { Logger } from '@/platform/logger';

import type { BodyEncoding } from '../http/body-encoding';
import { replaySessions, replayStepCacheBytes, replayStepsServed } from '../metrics';

import { ReplayError, retentionAt } from './replay-service';
import type {
  FromReplayWorker,
  JsonBytes,
  ReplayCallOptions,
  ReplayCalls,
  ReplayFailure,
  ReplayMethod,
  ReplayWorkerData,
  ToReplayWorker,
} from './replay-worker-protocol';

/** The part of the worker process the client uses (a fake in unit tests). */
export interface ReplayWorkerHandle {
  postMessage(message: ToReplayWorker): void;
  on(event: 'message', listener: (message: FromReplayWorker) => void): unknown;
  on(event: 'error', listener: (error: Error) => void): unknown;
  on(event: 'exit', listener: (code: number | null) => void): unknown;
  terminate(): Promise<unknown>;
}

interface Pending {
  /** The answer's pieces as they arrive. */
  pieces: Uint8Array[];
  encoding: BodyEncoding;
  resolve(answer: JsonBytes<unknown>): void;
  reject(error: Error): void;
  /** Stops listening to the request's abort signal. */
  release(): void;
}

/**
 * Time travel as the routes see it: each call runs in the replay worker process (replay-worker.ts),
 * which reads Kafka, folds, serializes and encodes; the main thread only passes the answer's bytes on. A
 * worker that dies fails the calls it held with a clear 503, and the next call starts a new one.
 */
export class ReplayWorkerClient {
  private worker: ReplayWorkerHandle | undefined;
  private readonly pending = new Map<number, Pending>();
  private sequence = 0;

  constructor(
    private readonly data: ReplayWorkerData,
    private readonly logger: Logger,
    private readonly spawn: (data: ReplayWorkerData) => ReplayWorkerHandle = spawnReplayProcess,
    private readonly now: () => number = Date.now,
  ) {}

  retention(): Retention {
    return retentionAt(this.data.replay.retentionMs, this.now());
  }

  scene(at: number, options: ReplayCallOptions = {}): Promise<JsonBytes<ReplayScene>> {
    return this.call('scene', [at], options);
  }

  steps(from: number, until: number, stepMs: number, options: ReplayCallOptions = {}): Promise<JsonBytes<ReplaySteps>> {
    return this.call('steps', [from, until, stepMs], options);
  }

  timeline(from: number, until: number, buckets: number, options: ReplayCallOptions = {}): Promise<JsonBytes<ReplayTimeline>> {
    return this.call('timeline', [from, until, buckets], options);
  }

  /** Parsed here (so asked for as it is): a trip is at most TRIP_MAX_POINTS points, and the route may turn it into a download. */
  async trip(vehicleId: string, period: { from?: number; to?: number }, signal?: AbortSignal): Promise<Trip> {
    const answer = await this.call('trip', [vehicleId, period], { signal });
    return JSON.parse(Buffer.concat(answer.pieces).toString('utf8')) as Trip;
  }

  /** Starts the worker ahead of the first replay, so no viewer waits for it to load. */
  start(): void {
    this.current();
  }

  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failPending('The BFF is stopping.');
    await worker?.terminate();
  }

  private call<M extends ReplayMethod>(method: M, args: ReplayCalls[M], { signal, encoding = 'identity' }: ReplayCallOptions): Promise<JsonBytes<never>> {
    if (signal?.aborted) return Promise.reject(signal.reason as Error);
    const worker = this.current();
    this.sequence += 1;
    const id = this.sequence;
    return new Promise((resolve, reject) => {
      // A viewer who leaves stops the worker's Kafka read; the worker then answers `failed`.
      const abort = () => worker.postMessage({ type: 'abort', id });
      signal?.addEventListener('abort', abort, { once: true });
      this.pending.set(id, {
        pieces: [],
        encoding,
        resolve: resolve as (answer: JsonBytes<unknown>) => void,
        reject,
        release: () => signal?.removeEventListener('abort', abort),
      });
      worker.postMessage({ type: 'call', id, method, args, encoding, sentAt: this.now() });
    });
  }

  private current(): ReplayWorkerHandle {
    if (this.worker) return this.worker;
    const worker = this.spawn(this.data);
    worker.on('message', (message) => this.receive(message));
    worker.on('error', (error) => this.lost(worker, error.message));
    worker.on('exit', (code) => this.lost(worker, `exited with code ${code}`));
    this.worker = worker;
    return worker;
  }

  private receive(message: FromReplayWorker): void {
    if (message.type === 'sessions') {
      replaySessions.set(message.active);
      return;
    }
    if (message.type === 'steps') {
      for (const [source, steps] of Object.entries(message.sources)) if (steps > 0) replayStepsServed.inc({ source }, steps);
      replayStepCacheBytes.set(message.cacheBytes);
      return;
    }
    const pending = this.pending.get(message.id);
    // An answer to a call already failed (its viewer left, its worker was replaced) is dropped.
    if (!pending) return;
    if (message.type === 'piece') {
      pending.pieces.push(message.bytes);
      return;
    }
    this.pending.delete(message.id);
    pending.release();
    if (message.type === 'done') pending.resolve({ kind: 'json-bytes', pieces: pending.pieces, encoding: pending.encoding });
    else pending.reject(errorFrom(message.error));
  }

  private lost(worker: ReplayWorkerHandle, reason: string): void {
    if (this.worker !== worker) return;
    this.worker = undefined;
    replaySessions.set(0);
    replayStepCacheBytes.set(0);
    this.logger.error({ reason, failed: this.pending.size }, 'replay worker stopped; the next replay starts a new one');
    this.failPending('Time travel stopped on this server mid-request; try again.');
    void worker.terminate();
  }

  private failPending(message: string): void {
    for (const pending of this.pending.values()) {
      pending.release();
      pending.reject(new ReplayError(503, REPLAY_ERRORS.unavailable, message));
    }
    this.pending.clear();
  }
}

/** A refusal comes back as a ReplayError (the route answers its status); anything else as the error it was. */
function errorFrom(failure: ReplayFailure): Error {
  if (failure.status !== undefined && failure.code !== undefined) return new ReplayError(failure.status, failure.code, failure.message);
  const error = new Error(failure.message);
  error.name = failure.name;
  return error;
}

/** util-linux's chrt, in every Debian (Essential): starts the worker under SCHED_IDLE. */
const CHRT = '/usr/bin/chrt';

/**
 * The worker process loads replay-worker.ts through tsx, as the BFF itself runs under tsx. No
 * inherited flags (`--inspect` and the like are the BFF's).
 *
 * On Linux it runs under SCHED_IDLE, in a session of its own (`detached`), whose autogroup it
 * lowers itself: it runs only on CPU the live stack leaves idle, its garbage collection included,
 * and a waking live thread takes its core at once. On a machine with no spare core even that
 * costs the live tail something (`bench/results/fleet.md`). Without chrt it starts at the priority
 * its nice gives it.
 */
function spawnReplayProcess(data: ReplayWorkerData): ReplayWorkerHandle {
  const entry = path.join(__dirname, 'replay-worker.ts');
  const args = ['--require', require.resolve('tsx/cjs'), entry];
  const options: SpawnOptions = { serialization: 'advanced', detached: true, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] };
  const child = fs.existsSync(CHRT) ? spawn(CHRT, ['--idle', '0', process.execPath, ...args], options) : spawn(process.execPath, args, options);
  const handle = processHandle(child);
  handle.postMessage({ type: 'start', data });
  return handle;
}

/** A child process seen as a worker: a message to one that has gone is dropped (its exit fails the calls). */
export function processHandle(child: ChildProcess): ReplayWorkerHandle {
  return {
    postMessage(message) {
      if (child.connected) child.send(message, undefined, {}, () => undefined);
    },
    on(event: 'message' | 'error' | 'exit', listener: (value: never) => void) {
      return child.on(event, listener as (value: unknown) => void);
    },
    terminate() {
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
      return new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill();
      });
    },
  };
}
