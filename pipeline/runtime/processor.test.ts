import { describe, expect, it } from 'vitest';

import { chunkOutputs } from './processor';

describe('chunkOutputs', () => {
  it('splits output into sends under half a megabyte, in order, nothing lost', () => {
    const outputs = Array.from({ length: 10_000 }, (_, i) => ({ topic: 'fleet.vehicle-state', key: `cab-${i}`, value: { n: i, pad: 'x'.repeat(300) } }));
    const chunks = chunkOutputs(outputs);
    expect(chunks.length).toBeGreaterThan(4);
    for (const chunk of chunks) expect(chunk.reduce((bytes, m) => bytes + m.key.length + m.value.length, 0)).toBeLessThanOrEqual(512 * 1024);
    expect(chunks.flat().map((m) => m.key)).toEqual(outputs.map((o) => o.key));
  });

  it('keeps a small result in one send', () => {
    expect(chunkOutputs([{ topic: 't', key: 'k', value: 1 }])).toEqual([[{ topic: 't', key: 'k', value: '1' }]]);
    expect(chunkOutputs([])).toEqual([]);
  });
});
