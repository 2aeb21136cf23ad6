import type { FreshnessRules } from '@/lib/fleet/freshness';
import type { KafkaConnectionConfig } from '@/platform/kafka/settings';

import type { ReplayConfig } from '../config';
import type { BodyEncoding } from '../http/body-encoding';

/**
 * The messages between the BFF's main thread and its replay worker. Replays read and fold up to
 * REPLAY_MAX_RECORDS records each; on the main thread that work held up the live fleet push (10
 * replays raised its p99 from 395 ms to 3.1 s), so it runs in a process of its own (IPC with
 * `serialization: 'advanced'`, which carries the answers' bytes as they are).
 */

/** What the worker is started with (its `start` message): plain data, as it crosses processes by copy. */
export interface ReplayWorkerData {
  kafka: KafkaConnectionConfig;
  clientIdSuffix: string;
  replay: ReplayConfig;
  rules: FreshnessRules;
}

/** Each replay call's arguments, without the abort signal (that goes as an `abort` message). */
export interface ReplayCalls {
  scene: [at: number];
  steps: [from: number, until: number, stepMs: number];
  timeline: [from: number, until: number, buckets: number];
  trip: [vehicleId: string, period: { from?: number; to?: number }];
}
export type ReplayMethod = keyof ReplayCalls;

/** What a route passes with a replay call: the viewer's abort signal and the encoding its client accepts. */
export interface ReplayCallOptions {
  signal?: AbortSignal;
  encoding?: BodyEncoding;
}

export type ToReplayWorker =
  /** The first message: what the worker reads with. */
  | { type: 'start'; data: ReplayWorkerData }
  /** `sentAt` (epoch ms): the worker logs how long the call waited for it, a busy worker's queue. */
  | { type: 'call'; id: number; method: ReplayMethod; args: ReplayCalls[ReplayMethod]; encoding: BodyEncoding; sentAt: number }
  | { type: 'abort'; id: number };

/** A failure as it crosses processes: a refusal keeps its status and code (see ReplayError). */
export interface ReplayFailure {
  name: string;
  message: string;
  status?: number;
  code?: string;
}

export type FromReplayWorker =
  /**
   * The answer serialized and encoded to UTF-8 on the worker, sent to the main thread as bytes in
   * pieces of ANSWER_PIECE_BYTES, then `done`. The main thread never parses it and only writes the
   * pieces out as the socket takes them. A 60× answer holds ten whole-fleet steps, about 27 MB at
   * 10,000 vehicles: received whole, one IPC message took the main thread 20–34 ms and stalled its
   * event loop up to 17 ms, beside the live push; a piece takes about a millisecond.
   */
  | { type: 'piece'; id: number; bytes: Uint8Array }
  | { type: 'done'; id: number }
  | { type: 'failed'; id: number; error: ReplayFailure }
  | { type: 'sessions'; active: number }
  /** After each steps answer: where its steps came from, and what the step cache holds now. */
  | { type: 'steps'; sources: Record<StepSource, number>; cacheBytes: number };

/** Where a playback step came from: the step cache, a read of fleet.snapshots, or the fixes on fleet.vehicle-state. */
export type StepSource = 'cache' | 'snapshots' | 'fixes';

/** Bytes per `piece` message, and per write of the answer to its socket. */
export const ANSWER_PIECE_BYTES = 512 * 1024;

/** A JSON body serialized and encoded on the worker, typed by what it holds; the route sends its pieces as they are. */
export interface JsonBytes<T> {
  readonly kind: 'json-bytes';
  readonly pieces: readonly Uint8Array[];
  readonly encoding: BodyEncoding;
  /** Never set: carries the body's type for the caller. */
  readonly body?: T;
}

export function isJsonBytes(value: unknown): value is JsonBytes<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as JsonBytes<unknown>).kind === 'json-bytes' && Array.isArray((value as JsonBytes<unknown>).pieces)
  );
}
