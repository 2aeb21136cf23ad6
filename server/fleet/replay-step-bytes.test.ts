import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { ReplayAlert, ReplaySteps } from '@/lib/contracts/replay';
import { replayStepsSchema } from '@/lib/contracts/replay';

import { vehicleState } from '../../test/support/fleet-fixtures';

import type { EncodedVehicles } from './replay-step-bytes';
import { encodeBody, encodeVehicles, JsonSegment, StepCache, stepSources, stepsSegments, toPieces } from './replay-step-bytes';

const joined = (parts: readonly Uint8Array[]) => Buffer.concat(parts).toString('utf8');

describe('stepsSegments and encodeBody', () => {
  it('writes the steps answer of the contract, with each step’s vehicles as they were serialized', () => {
    const alert: ReplayAlert = {
      alertId: 'a-1',
      vehicleId: 'cab-1',
      metric: 'engineTempC',
      value: 121.5,
      severity: 'critical',
      detectedAt: 9_000,
      state: 'firing',
    };
    const expected: ReplaySteps = {
      from: 0,
      until: 20_000,
      stepMs: 10_000,
      steps: [
        { at: 10_000, vehicles: [{ ...vehicleState('cab-1', 9_500), receivedAt: 9_600, positionSince: 9_000, movedWhileStill: false }], alerts: [alert] },
        { at: 20_000, vehicles: [], alerts: [] },
      ],
    };
    const encoded = {
      ...expected,
      steps: expected.steps.map((step, i) => ({ ...step, vehicles: encodeVehicles(step.vehicles), source: i === 0 ? ('cache' as const) : ('fixes' as const) })),
    };
    const body = JSON.parse(joined(encodeBody(stepsSegments(encoded), 'identity'))) as unknown;
    expect(replayStepsSchema.parse(body)).toEqual(expected);
    // Deflated, the same body: zlib checks the stream's Adler-32 as it inflates.
    const deflated = Buffer.concat(encodeBody(stepsSegments(encoded), 'deflate', 16));
    expect(JSON.parse(zlib.inflateSync(deflated).toString('utf8'))).toEqual(body);
    // Where a step came from is for the metrics only.
    expect(JSON.stringify(body)).not.toContain('source');
    expect(stepSources(encoded)).toEqual({ cache: 1, snapshots: 0, fixes: 1 });
  });

  it('passes a cached step’s bytes on as they are, deflated once however often it is sent', () => {
    const vehicles = encodeVehicles([{ ...vehicleState('cab-1', 1_000), receivedAt: 1_100 }]);
    const answer = { from: 0, until: 5_000, stepMs: 5_000, steps: [{ at: 5_000, vehicles, alerts: [], source: 'cache' as const }] };
    expect(encodeBody(stepsSegments(answer), 'identity')).toContain(vehicles.segment.json);
    const first = encodeBody(stepsSegments(answer), 'deflate', 16);
    const deflatedOnce = vehicles.segment.deflated();
    expect(first).toContain(deflatedOnce.bytes);
    expect(encodeBody(stepsSegments(answer), 'deflate', 16)).toContain(deflatedOnce.bytes);
    expect(vehicles.segment.deflated()).toBe(deflatedOnce);
  });
});

describe('toPieces', () => {
  const bytes = (length: number, fill: number) => new Uint8Array(length).fill(fill);

  it('keeps every byte in order, no piece over the size, and large parts as views rather than copies', () => {
    const big = bytes(2_500, 66);
    const parts = [bytes(10, 65), bytes(3, 44), big, bytes(1, 125), bytes(900, 67), bytes(5, 93)];
    const pieces = toPieces(parts, 1_000);
    expect(Buffer.concat(pieces).equals(Buffer.concat(parts))).toBe(true);
    expect(pieces.every((piece) => piece.length > 0 && piece.length <= 1_000)).toBe(true);
    expect(pieces.filter((piece) => piece.buffer === big.buffer)).toHaveLength(2);
    // The small parts travel joined, not one message each.
    expect(pieces.length).toBeLessThanOrEqual(5);
  });

  it('gives nothing for an empty body', () => {
    expect(toPieces([], 1_000)).toEqual([]);
  });
});

describe('StepCache', () => {
  const moment = (length: number): EncodedVehicles => ({ segment: new JsonSegment(new Uint8Array(length)), count: 1 });
  /** A 100-byte moment as the cache holds it: deflated. */
  const held = (() => {
    const sample = moment(100);
    sample.segment.keepDeflatedOnly();
    return sample.segment.bytes;
  })();

  it('keeps moments up to its byte budget, the least recently used going first', () => {
    const cache = new StepCache(3 * held);
    cache.put(1, moment(100));
    cache.put(2, moment(100));
    cache.put(3, moment(100));
    expect(cache.get(1)).toBeDefined();
    cache.put(4, moment(100));
    expect(cache.get(2)).toBeUndefined();
    expect([1, 3, 4].every((at) => cache.get(at) !== undefined)).toBe(true);
    expect(cache.size).toEqual({ moments: 3, bytes: 3 * held });
  });

  it('holds a moment deflated only, and gives its JSON back whole for a client that does not take deflate', () => {
    const json = Buffer.from(JSON.stringify(Array.from({ length: 2_000 }, (_, i) => ({ ...vehicleState(`cab-${i}`, 1_000 + i), receivedAt: 2_000 }))));
    const vehicles: EncodedVehicles = { segment: new JsonSegment(json), count: 2_000 };
    const cache = new StepCache(1024 * 1024);
    cache.put(1, vehicles);
    expect(cache.size.bytes).toBe(vehicles.segment.deflated().bytes.length);
    expect(cache.size.bytes).toBeLessThan(json.length / 4);
    // Sent deflated, as it was kept: not inflated and deflated again.
    const deflated = vehicles.segment.deflated();
    expect(encodeBody([vehicles.segment], 'deflate')).toContain(deflated.bytes);
    expect(vehicles.segment.deflated()).toBe(deflated);
    expect(Buffer.from(cache.get(1)?.segment.json ?? []).equals(json)).toBe(true);
  });

  it('never holds a moment larger than the budget, and holds nothing with a budget of 0', () => {
    const cache = new StepCache(10);
    cache.put(1, { segment: new JsonSegment(randomBytes(1_000)), count: 1 });
    expect(cache.get(1)).toBeUndefined();
    const none = new StepCache(0);
    none.put(1, moment(1));
    expect(none.size).toEqual({ moments: 0, bytes: 0 });
  });
});
