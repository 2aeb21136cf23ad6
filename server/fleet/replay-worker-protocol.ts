import type { FreshnessRules } from '@/lib/fleet/freshness';
import type { KafkaConnectionConfig } from '@/platform/kafka/settings';

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

export type ToReplayWorker =
  /** `sentAt` (epoch ms): the worker logs how long the call waited for it, a busy worker's queue. */
  { type: 'call'; id: number; method: ReplayMethod; args: ReplayCalls[ReplayMethod]; sentAt: number } | { type: 'abort'; id: number };

/** A failure as it crosses threads: a refusal keeps its status and code (see ReplayError). */
export interface ReplayFailure {
  name: string;
  message: string;
  status?: number;
  code?: string;
}

export type FromReplayWorker =
  /**
   * The answer already serialized, in pieces of at most ANSWER_PART_CHARS: `part` for each but the
   * last, `done` with the last. The main thread never parses it, and encodes one piece at a time as
   * the socket takes it (a 60× answer holds ten whole-fleet steps, about 30 MB at 10,000 vehicles):
   * in one piece, its encoding held the live push up at once (bench:fleet, BFF share p99 +54 %; in
   * pieces +26 %).
   */
  | { type: 'part'; id: number; json: string }
  | { type: 'done'; id: number; json: string }
  | { type: 'failed'; id: number; error: ReplayFailure }
  | { type: 'sessions'; active: number };

/** Characters per piece of a serialized answer: about a millisecond of the main thread's encoding each. */
export const ANSWER_PART_CHARS = 512 * 1024;

/**
 * `json` cut into pieces of at most `size` UTF-16 units (one, possibly empty, for a short answer).
 * Never between the two halves of a character outside the BMP (an emoji in a plate or a name): each
 * piece is encoded to UTF-8 on its own, and half a pair would turn into U+FFFD.
 */
export function answerParts(json: string, size = ANSWER_PART_CHARS): string[] {
  const parts: string[] = [];
  let start = 0;
  do {
    let end = Math.min(json.length, start + size);
    if (end < json.length && isHighSurrogate(json.charCodeAt(end - 1))) end -= 1;
    parts.push(json.slice(start, end));
    start = end;
  } while (start < json.length);
  return parts;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** A body serialized on the worker (its JSON in pieces, in order), typed by what it holds; the route sends it as it is. */
export interface JsonText<T> {
  readonly kind: 'json-text';
  readonly parts: readonly string[];
  /** Never set: carries the body's type for the caller. */
  readonly body?: T;
}

export function isJsonText(value: unknown): value is JsonText<unknown> {
  return typeof value === 'object' && value !== null && (value as JsonText<unknown>).kind === 'json-text' && Array.isArray((value as JsonText<unknown>).parts);
}
