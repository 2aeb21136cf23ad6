'use client';

import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';

import { REPLAY_ERRORS } from '../contracts/replay';

import { FleetStore } from './fleet-store';
import type { FleetView } from './fleet-store';
import { fetchScene, fetchSteps, ReplayRequestError } from './queries/replay';
import { ReplayPlayer } from './replay-player';

export const REPLAY_SPEEDS = [1, 10, 60] as const;
export type ReplaySpeed = (typeof REPLAY_SPEEDS)[number];

/** Marks set as a chosen moment's scene arrives: its JSON parsed and checked, then folded into the page's store. */
export const SCENE_MARKS = { parsed: 'fleet-replay:scene-parsed', stored: 'fleet-replay:scene-stored' } as const;

/** How often the playhead moves while playing (wall clock). */
const TICK_MS = 250;

export interface ReplayState {
  /** The moment shown, or null: live. */
  at: number | null;
  playing: boolean;
  speed: ReplaySpeed;
  loading: boolean;
  error: string | null;
}

export interface ReplayControl extends ReplayState {
  /** The past fleet, in a store of its own: the map, list and KPIs read it instead of the live one. */
  store: FleetStore;
  view: FleetView;
  seek: (at: number) => void;
  play: () => void;
  pause: () => void;
  setSpeed: (speed: ReplaySpeed) => void;
  backToLive: () => void;
}

/** Reads `?at=<ISO>` once: a shared link opens the same moment. */
function initialMoment(): number | null {
  if (typeof window === 'undefined') return null;
  const at = Date.parse(new URLSearchParams(window.location.search).get('at') ?? '');
  return Number.isFinite(at) ? at : null;
}

function writeMoment(at: number | null): void {
  const search = new URLSearchParams(window.location.search);
  if (at === null) search.delete('at');
  else search.set('at', new Date(at).toISOString());
  const query = search.toString();
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname);
}

/**
 * Time travel on the fleet page: a moment (from the URL or chosen), its scene from the BFF,
 * then playback that folds the BFF's steps in as the playhead passes them. A seek makes every
 * request of the previous moment stale (aborted, its answer ignored); going back to live drops
 * the past fleet at once, the live feed never stopped.
 */
export function useReplay(): ReplayControl {
  const [store] = useState(() => new FleetStore());
  const player = useRef(new ReplayPlayer());
  const generation = useRef(0);
  const inFlight = useRef<AbortController | null>(null);
  const [state, setState] = useState<ReplayState>({ at: null, playing: false, speed: 1, loading: false, error: null });
  const view = useSyncExternalStore(store.subscribe, store.getSnapshot, store.getServerSnapshot);

  const seek = useCallback(
    (at: number) => {
      const current = ++generation.current;
      inFlight.current?.abort();
      const controller = new AbortController();
      inFlight.current = controller;
      writeMoment(at);
      setState((s) => ({ ...s, at, loading: true, error: null }));
      fetchScene(at, controller.signal)
        .then((scene) => {
          if (current !== generation.current) return;
          // User timings: DevTools' performance panel and bench:fleet split a slow scene into its parts.
          performance.mark(SCENE_MARKS.parsed);
          player.current.load(scene);
          store.replaceAll(player.current.views(), scene.at);
          performance.mark(SCENE_MARKS.stored);
          setState((s) => ({ ...s, loading: false }));
        })
        .catch((error: unknown) => {
          if (current !== generation.current) return;
          store.clear();
          setState((s) => ({ ...s, loading: false, playing: false, error: (error as Error).message }));
        });
    },
    [store],
  );

  useEffect(() => {
    const at = initialMoment();
    if (at !== null) seek(at);
  }, [seek]);

  usePlayback(state, setState, player, store, generation);

  const backToLive = useCallback(() => {
    generation.current += 1;
    inFlight.current?.abort();
    writeMoment(null);
    setState((s) => ({ ...s, at: null, playing: false, loading: false, error: null }));
  }, []);

  return {
    ...state,
    store,
    view,
    seek,
    play: () => setState((s) => ({ ...s, playing: s.at !== null, error: null })),
    pause: () => {
      writeMoment(player.current.playhead);
      setState((s) => ({ ...s, playing: false }));
    },
    setSpeed: (speed) => setState((s) => ({ ...s, speed })),
    backToLive,
  };
}

/** While playing: moves the playhead every tick and keeps the steps ahead of it fetched. */
function usePlayback(
  state: ReplayState,
  setState: (update: (s: ReplayState) => ReplayState) => void,
  player: { current: ReplayPlayer },
  store: FleetStore,
  generation: { current: number },
): void {
  const { playing, speed, loading } = state;
  useEffect(() => {
    if (!playing || loading) return;
    const current = generation.current;
    const controller = new AbortController();
    let fetching = false;
    const stepMs = Math.max(TICK_MS, TICK_MS * speed);
    const timer = setInterval(() => {
      const replay = player.current;
      const now = Date.now();
      const range = fetching ? undefined : replay.nextRange(now, speed);
      if (range) {
        fetching = true;
        const { from, until } = range;
        fetchSteps(from, until, stepMs, controller.signal)
          .then((steps) => current === generation.current && replay.addSteps(from, steps.until, steps.steps))
          .catch((error: unknown) => {
            if (controller.signal.aborted) return;
            // A big fleet's span refused as too large: ask for less and play on, slower.
            if (error instanceof ReplayRequestError && error.code === REPLAY_ERRORS.tooLarge && replay.shortenSpan(speed)) return;
            // Paused, not stopped: the moment stays shown and Play goes on from it once the server answers again.
            setState((s) => ({ ...s, playing: false, error: `Playback paused. ${(error as Error).message}` }));
          })
          .finally(() => (fetching = false));
      }
      const at = replay.advanceTo(replay.playhead + TICK_MS * speed);
      store.replaceAll(replay.views(), at);
      setState((s) => ({ ...s, at }));
      // Caught up with the present: playback stops there, one click from live.
      if (at >= now - 2_000) setState((s) => ({ ...s, playing: false }));
    }, TICK_MS);
    return () => {
      clearInterval(timer);
      controller.abort();
      // A pause keeps the moment in the URL; a seek or "back to live" already wrote its own.
      if (current === generation.current) writeMoment(player.current.playhead);
    };
  }, [playing, speed, loading, player, store, generation, setState]);
}
