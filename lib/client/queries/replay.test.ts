import { afterEach, describe, expect, it, vi } from 'vitest';

import { ReplayRequestError, fetchSteps } from './replay';

const steps = { from: 0, until: 1_000, stepMs: 1_000, steps: [], alerts: [] };
const busy = () => new Response(JSON.stringify({ error: { code: 'replay_busy', message: '4 replays are reading Kafka on this server now' } }), { status: 429 });

describe('replay reads when the server is busy', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('asks again after a short wait instead of failing the moment picked', async () => {
    vi.useFakeTimers();
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(busy())
      .mockResolvedValueOnce(busy())
      .mockResolvedValueOnce(new Response(JSON.stringify(steps)));
    vi.stubGlobal('fetch', fetch);
    const result = fetchSteps(0, 1_000, 1_000).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fetch).toHaveBeenCalledTimes(3);
    expect(await result).not.toBeInstanceOf(Error);
  });

  it("gives up with the server's words after a few tries", async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn().mockImplementation(async () => busy()),
    );
    const result = fetchSteps(0, 1_000, 1_000).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(8_000);
    expect(await result).toEqual(new ReplayRequestError('4 replays are reading Kafka on this server now', 'replay_busy'));
    expect(await result).toMatchObject({ code: 'replay_busy' });
  });
});
