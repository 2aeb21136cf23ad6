import { afterEach, describe, expect, it, vi } from 'vitest';

import { REPLAY_CLIENT_ERRORS, ReplayRequestError, fetchScene, fetchSteps } from './replay';

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

describe('replay reads when the server does not answer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('says the server cannot be reached instead of the browser\'s "Failed to fetch"', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    const error = await fetchSteps(0, 1_000, 1_000).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ReplayRequestError);
    expect(error).toMatchObject({ code: REPLAY_CLIENT_ERRORS.unreachable, message: expect.stringMatching(/^The server cannot be reached/) });
  });

  it('passes an abort on as it is: a seek dropped the request, nothing failed', async () => {
    const controller = new AbortController();
    vi.stubGlobal(
      'fetch',
      vi.fn().mockImplementation(async () => Promise.reject(controller.signal.reason)),
    );
    controller.abort();
    const error = await fetchScene(0, controller.signal).catch((failure: unknown) => failure);
    expect(error).not.toBeInstanceOf(ReplayRequestError);
    expect((error as Error).name).toBe('AbortError');
  });

  it("names the status when the answer is not the BFF's (a load balancer's 502 while it restarts)", async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>502 Bad Gateway</html>', { status: 502 })));
    const error = await fetchScene(0).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ code: REPLAY_CLIENT_ERRORS.noAnswer, message: expect.stringContaining('HTTP 502') });
  });
});
