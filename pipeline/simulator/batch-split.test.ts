import { describe, expect, it } from 'vitest';

import { splitBySize } from './batch-split';

const message = (key: string, bytes: number) => ({ key, value: 'x'.repeat(bytes) });

describe('splitBySize', () => {
  it('keeps a small tick in one request', () => {
    const tick = [
      { topic: 'a', messages: [message('1', 10), message('2', 10)] },
      { topic: 'b', messages: [message('3', 10)] },
    ];
    expect(splitBySize(tick, 1_000)).toEqual([tick]);
  });

  it('splits a large tick into requests under the limit, every message once and in order per topic', () => {
    const telemetry = Array.from({ length: 5_000 }, (_, i) => message(`v${i}`, 300));
    const requests = splitBySize(
      [
        { topic: 'telemetry', messages: telemetry },
        { topic: 'purchase', messages: [message('p', 100)] },
      ],
      100_000,
    );
    expect(requests.length).toBeGreaterThan(15);
    for (const request of requests) {
      const bytes = request.flatMap((t) => t.messages).reduce((sum, m) => sum + String(m.key).length + String(m.value).length, 0);
      expect(bytes).toBeLessThanOrEqual(100_000);
    }
    const sent = requests.flat();
    expect(sent.filter((t) => t.topic === 'telemetry').flatMap((t) => t.messages)).toEqual(telemetry);
    expect(sent.filter((t) => t.topic === 'purchase').flatMap((t) => t.messages)).toEqual([message('p', 100)]);
  });

  it('sends a single message over the limit alone rather than dropping it', () => {
    const requests = splitBySize([{ topic: 'a', messages: [message('small', 10), message('big', 5_000), message('next', 10)] }], 1_000);
    expect(requests.map((request) => request.flatMap((t) => t.messages.map((m) => m.key)))).toEqual([['small'], ['big'], ['next']]);
  });
});
