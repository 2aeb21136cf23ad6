import type { ReplayAlert, ReplaySteps, ReplayStepVehicle } from '@/lib/contracts/replay';

import type { StepSource } from './replay-worker-protocol';

const utf8 = new TextEncoder();

/** A step's vehicles already serialized: the JSON of replayStepSchema's `vehicles` array, and how many it holds. */
export interface EncodedVehicles {
  readonly json: Uint8Array;
  readonly count: number;
}

export function encodeVehicles(vehicles: readonly ReplayStepVehicle[]): EncodedVehicles {
  return { json: utf8.encode(JSON.stringify(vehicles)), count: vehicles.length };
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

/** The answer's JSON body as parts in order: the steps' vehicle bytes are passed on as they are, never copied or serialized again. */
export function stepsBody(answer: EncodedSteps): Uint8Array[] {
  const { from, until, stepMs } = answer;
  const parts: Uint8Array[] = [utf8.encode(`{"from":${JSON.stringify(from)},"until":${JSON.stringify(until)},"stepMs":${JSON.stringify(stepMs)},"steps":[`)];
  answer.steps.forEach((step, i) => {
    parts.push(
      utf8.encode(`${i === 0 ? '' : ','}{"at":${JSON.stringify(step.at)},"alerts":${JSON.stringify(step.alerts)},"vehicles":`),
      step.vehicles.json,
      utf8.encode('}'),
    );
  });
  parts.push(utf8.encode(']}'));
  return parts;
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
 * Whole-fleet steps of fast playback, serialized once per snapshot moment and kept up to a byte
 * budget (REPLAY_STEP_CACHE_MB), least recently used out first. Viewers of the same stretch (a team
 * going over the same incident) then cost one read of fleet.snapshots and one serialization per
 * moment, instead of one each: at 10,000 vehicles a moment is about 2.7 MB of JSON, and reading,
 * parsing and serializing it again was most of a replay worker's CPU. History does not change, so
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

  put(at: number, vehicles: EncodedVehicles): void {
    if (vehicles.json.length > this.maxBytes || this.moments.has(at)) return;
    this.moments.set(at, vehicles);
    this.bytes += vehicles.json.length;
    for (const [oldest, held] of this.moments) {
      if (this.bytes <= this.maxBytes) break;
      this.moments.delete(oldest);
      this.bytes -= held.json.length;
    }
  }

  get size(): { moments: number; bytes: number } {
    return { moments: this.moments.size, bytes: this.bytes };
  }
}
