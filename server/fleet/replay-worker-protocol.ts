import type { KafkaConnectionConfig } from '@/platform/kafka/settings';
import type { FreshnessRules } from '@/lib/fleet/freshness';

import type { ReplayConfig } from '../config';

/**
 * The messages between the BFF's main thread and its replay worker. Replays read and fold up to
 * REPLAY_MAX_RECORDS records each; on the main thread that work held up the live fleet push (10
 * replays raised its p99 from 395 ms to 3.1 s), so it runs on a thread of its own.
 */

/** What the worker is started with (workerData): plain data, as it crosses threads by copy. */
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

export type ToReplayWorker = { type: 'call'; id: number; method: ReplayMethod; args: ReplayCalls[ReplayMethod] } | { type: 'abort'; id: number };

/** A failure as it crosses threads: a refusal keeps its status and code (see ReplayError). */
export interface ReplayFailure {
  name: string;
  message: string;
  status?: number;
  code?: string;
}

export type FromReplayWorker =
  /**
   * The answer already serialized: the main thread sends the text as it is, never parses it. A
   * string, not a transferred UTF-8 buffer: tried, the buffers (30 MB per 60× answer at 10,000
   * vehicles) raised the live fleet's p99 beside 10 replays to 9 s in bench:fleet, against 0.3 s.
   */
  { type: 'done'; id: number; json: string } | { type: 'failed'; id: number; error: ReplayFailure } | { type: 'sessions'; active: number };

/** A body serialized on the worker, typed by what it holds; the route sends its text as it is. */
export interface JsonText<T> {
  readonly kind: 'json-text';
  readonly json: string;
  /** Never set: carries the body's type for the caller. */
  readonly body?: T;
}

export function isJsonText(value: unknown): value is JsonText<unknown> {
  return (
    typeof value === 'object' && value !== null && (value as JsonText<unknown>).kind === 'json-text' && typeof (value as JsonText<unknown>).json === 'string'
  );
}
