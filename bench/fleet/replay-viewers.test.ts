import zlib from 'node:zlib';

import { describe, expect, it } from 'vitest';

import type { ReplaySteps } from '../../lib/contracts/replay';

import { inflateStart, untilOf } from './replay-viewers';

describe('untilOf', () => {
  it('reads `until` from the first bytes of a steps answer as the BFF writes it', () => {
    const answer: ReplaySteps = { from: 1_780_000_000_000, until: 1_780_000_600_000, stepMs: 20_000, steps: [] };
    expect(untilOf(JSON.stringify(answer).slice(0, 256))).toBe(1_780_000_600_000);
  });

  it('gives nothing for a scene', () => {
    expect(untilOf('{"at":1780000000000,"vehicles":[')).toBeUndefined();
  });
});

describe('inflateStart', () => {
  it("reads a steps answer's head from the first bytes of its deflated stream", () => {
    const answer = {
      from: 1_780_000_000_000,
      until: 1_780_000_600_000,
      stepMs: 15_000,
      steps: Array.from({ length: 2_000 }, (_, i) => ({ at: i, vehicles: [], alerts: [{ id: Math.random() }] })),
    };
    const deflated = zlib.deflateSync(JSON.stringify(answer));
    expect(untilOf(inflateStart(deflated.subarray(0, 8 * 1024)).toString('utf8'))).toBe(1_780_000_600_000);
  });
});
