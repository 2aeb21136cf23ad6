import type { ReplayAlert, ReplaySteps, ReplayStepVehicle } from '@/lib/contracts/replay';

import type { BodyEncoding } from '../http/body-encoding';
import type { DeflatedPart } from '../http/deflate';
import { deflatePart, inflatePart, zlibStream } from '../http/deflate';

import type { StepSource } from './replay-worker-protocol';

const utf8 = new TextEncoder();

/**
 * Part of a JSON body, serialized; deflated once, when first sent compressed, and kept so. A cached
 * step keeps only its deflated bytes (about a sixth of the JSON), inflated again for the rare client
 * that does not take deflate.
 */
export class JsonSegment {
  private plain: Uint8Array | undefined;
  private deflatedPart: DeflatedPart | undefined;

  constructor(json: Uint8Array) {
    this.plain = json;
  }

  get json(): Uint8Array {
    return this.plain ?? inflatePart(this.deflated());
  }

  /** The JSON's length, without inflating a segment kept deflated. */
  get length(): number {
    return this.plain?.length ?? this.deflated().length;
  }

  deflated(): DeflatedPart {
    this.deflatedPart ??= deflatePart(this.json);
    return this.deflatedPart;
  }

  /** Keeps the deflated bytes only (deflating now if need be): what the step cache holds. */
  keepDeflatedOnly(): void {
    this.deflated();
    this.plain = undefined;
  }

  /** Bytes held: the JSON while kept, and the deflated copy once made. */
  get bytes(): number {
    return (this.plain?.length ?? 0) + (this.deflatedPart?.bytes.length ?? 0);
  }
}

/** A step's vehicles already serialized: the JSON of replayStepSchema's `vehicles` array, and how many it holds. */
export interface EncodedVehicles {
  readonly segment: JsonSegment;
  readonly count: number;
}

function segmentOf(json: string): JsonSegment {
  return new JsonSegment(utf8.encode(json));
}

export function encodeVehicles(vehicles: readonly ReplayStepVehicle[]): EncodedVehicles {
  return { segment: segmentOf(JSON.stringify(vehicles)), count: vehicles.length };
}

/** Any answer as one segment. */
export function jsonSegments(answer: unknown): JsonSegment[] {
  return [segmentOf(JSON.stringify(answer))];
}

/**
 * A body's bytes as sent: as they are, or as one zlib stream (`Content-Encoding: deflate`) in which
 * each segment is deflated once and runs of the small ones in between are deflated together.
 */
export function encodeBody(segments: readonly JsonSegment[], encoding: BodyEncoding, smallBytes = 64 * 1024): Uint8Array[] {
  if (encoding === 'identity') return segments.map((segment) => segment.json);
  const parts: DeflatedPart[] = [];
  let run: Uint8Array[] = [];
  const deflateRun = () => {
    if (run.length > 0) parts.push(deflatePart(Buffer.concat(run)));
    run = [];
  };
  for (const segment of segments) {
    if (segment.length < smallBytes) {
      run.push(segment.json);
      continue;
    }
    deflateRun();
    parts.push(segment.deflated());
  }
  deflateRun();
  return zlibStream(parts);
}

export interface EncodedStep {
  at: number;
  vehicles: EncodedVehicles;
  alerts: ReplayAlert[];
  /** Not sent: for the replay metrics. */
  source: StepSource;
}

/** A steps answer (replayStepsSchema) whose vehicles are serialized per step, so a cached step is sent as the bytes it was cached as. */
export interface EncodedSteps extends Omit<ReplaySteps, 'steps'> {
  steps: EncodedStep[];
}

/** How many of the answer's steps came from each source. */
export function stepSources(answer: EncodedSteps): Record<StepSource, number> {
  const sources: Record<StepSource, number> = { cache: 0, snapshots: 0, fixes: 0 };
  for (const step of answer.steps) sources[step.source] += 1;
  return sources;
}

/** The answer's JSON body as segments in order: the steps' vehicles are passed on as they were serialized (and deflated), never again. */
export function stepsSegments(answer: EncodedSteps): JsonSegment[] {
  const { from, until, stepMs } = answer;
  const segments = [segmentOf(`{"from":${JSON.stringify(from)},"until":${JSON.stringify(until)},"stepMs":${JSON.stringify(stepMs)},"steps":[`)];
  answer.steps.forEach((step, i) => {
    segments.push(
      segmentOf(`${i === 0 ? '' : ','}{"at":${JSON.stringify(step.at)},"alerts":${JSON.stringify(step.alerts)},"vehicles":`),
      step.vehicles.segment,
      segmentOf('}'),
    );
  });
  segments.push(segmentOf(']}'));
  return segments;
}

/**
 * Cuts a body's parts into pieces of at most `size` bytes: large parts as views of themselves, runs
 * of small ones joined, so a steps answer crosses to the main thread in a few dozen messages.
 */
export function toPieces(parts: readonly Uint8Array[], size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let small: Uint8Array[] = [];
  let smallBytes = 0;
  const flushSmall = () => {
    if (smallBytes > 0) pieces.push(small.length === 1 ? small[0]! : Buffer.concat(small, smallBytes));
    small = [];
    smallBytes = 0;
  };
  for (const part of parts) {
    if (smallBytes + part.length <= size) {
      small.push(part);
      smallBytes += part.length;
      continue;
    }
    flushSmall();
    for (let offset = 0; offset < part.length; offset += size) {
      const piece = part.subarray(offset, offset + size);
      if (piece.length === size) pieces.push(piece);
      else {
        small.push(piece);
        smallBytes += piece.length;
      }
    }
  }
  flushSmall();
  return pieces;
}

/**
 * Whole-fleet steps of fast playback, serialized and deflated once per snapshot moment and kept up to a byte
 * budget (REPLAY_STEP_CACHE_MB), least recently used out first. Viewers of the same stretch (a team
 * going over the same incident) then cost one read of fleet.snapshots and one serialization per
 * moment, instead of one each: at 10,000 vehicles a moment is about 3.3 MB of JSON (0.55 MB
 * deflated), and reading, parsing and serializing it again was most of a replay worker's CPU. History does not change, so
 * a cached moment never goes stale; only moments the fleet-snapshot job has certainly finished are
 * put here (see ReplayService).
 */
export class StepCache {
  /** In order of use: the first is the least recently used. */
  private readonly moments = new Map<number, EncodedVehicles>();
  private bytes = 0;

  constructor(private readonly maxBytes: number) {}

  get(at: number): EncodedVehicles | undefined {
    const vehicles = this.moments.get(at);
    if (vehicles) {
      this.moments.delete(at);
      this.moments.set(at, vehicles);
    }
    return vehicles;
  }

  /**
   * Keeps the moment deflated only: nearly every browser asks for deflate, and at 10,000 vehicles
   * that is about 0.55 MB against 3.3 MB of JSON, so the budget holds six times the history.
   */
  put(at: number, vehicles: EncodedVehicles): void {
    if (this.maxBytes === 0 || this.moments.has(at)) return;
    vehicles.segment.keepDeflatedOnly();
    if (vehicles.segment.bytes > this.maxBytes) return;
    this.moments.set(at, vehicles);
    this.bytes += vehicles.segment.bytes;
    for (const [oldest, held] of this.moments) {
      if (this.bytes <= this.maxBytes) break;
      this.moments.delete(oldest);
      this.bytes -= held.segment.bytes;
    }
  }

  get size(): { moments: number; bytes: number } {
    return { moments: this.moments.size, bytes: this.bytes };
  }
}
