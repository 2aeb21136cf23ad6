'use client';

import { useQuery } from '@tanstack/react-query';

import type { ReplayScene, ReplaySteps, ReplayTimeline } from '../../contracts/replay';
import { replaySceneSchema, replayStepsSchema, replayTimelineSchema } from '../../contracts/replay';

import { fetchOrExplain } from './fetch';

/** Every query key of time travel: components name keys only through here. */
export const replayKeys = {
  all: ['replay'] as const,
  timeline: (from: number, until: number) => [...replayKeys.all, 'timeline', from, until] as const,
};

/**
 * Waits before asking again when the BFF's replay reads are all taken (429 replay_busy): one viewer's
 * own scene, steps and timeline reads can hold them briefly, so a moment picked right after another
 * must not fail for that. Only after these does the page show the server's words.
 */
const BUSY_RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000];

/** Codes of failures found in the browser, beside the server's own (REPLAY_ERRORS). */
export const REPLAY_CLIENT_ERRORS = {
  /** No answer at all: the BFF is down or the network is. */
  unreachable: 'server_unreachable',
  /** An answer without the BFF's words, e.g. a load balancer's 502 while the BFF restarts. */
  noAnswer: 'server_no_answer',
} as const;

/** A refusal of the replay routes, with the server's words and its error code (REPLAY_ERRORS, REPLAY_CLIENT_ERRORS). */
export class ReplayRequestError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/** A refusal of the replay routes (and the trip's), with the server's words (e.g. the oldest moment available). */
export async function getReplayJson<T>(url: string, parse: (body: unknown) => T, signal?: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    const response = await fetchOrExplain(url, { cache: 'no-store', signal }, (message) => new ReplayRequestError(message, REPLAY_CLIENT_ERRORS.unreachable));
    const body = (await response.json().catch(() => ({}))) as { error?: { message: string; code?: string } };
    const retryIn = response.status === 429 ? BUSY_RETRY_DELAYS_MS[attempt] : undefined;
    if (retryIn !== undefined) {
      await wait(retryIn, signal);
      continue;
    }
    if (!response.ok) throw refusal(response.status, body.error);
    return parse(body);
  }
}

function refusal(status: number, error: { message: string; code?: string } | undefined): ReplayRequestError {
  if (error) return new ReplayRequestError(error.message, error.code);
  return new ReplayRequestError(`The server did not answer (HTTP ${status}): it may be restarting, try again in a moment`, REPLAY_CLIENT_ERRORS.noAnswer);
}

function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

const iso = (ms: number) => new Date(ms).toISOString();

export function fetchScene(at: number, signal?: AbortSignal): Promise<ReplayScene> {
  return getReplayJson(`/api/fleet/replay?at=${iso(at)}`, (body) => replaySceneSchema.parse(body), signal);
}

export function fetchSteps(from: number, until: number, stepMs: number, signal?: AbortSignal): Promise<ReplaySteps> {
  return getReplayJson(`/api/fleet/replay/steps?from=${iso(from)}&until=${iso(until)}&stepMs=${stepMs}`, (body) => replayStepsSchema.parse(body), signal);
}

/** Records and alerts per bucket around the moment shown; disabled while the page is live. */
export function useReplayTimeline(window: { from: number; until: number } | null, buckets = 60) {
  return useQuery({
    queryKey: replayKeys.timeline(window?.from ?? 0, window?.until ?? 0),
    queryFn: ({ signal }) =>
      getReplayJson(
        `/api/fleet/replay/timeline?from=${iso(window?.from ?? 0)}&until=${iso(window?.until ?? 0)}&buckets=${buckets}`,
        (body): ReplayTimeline => replayTimelineSchema.parse(body),
        signal,
      ),
    enabled: window !== null,
    staleTime: 30_000,
    retry: false,
  });
}
