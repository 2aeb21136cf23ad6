'use client';

import { useEffect, useSyncExternalStore } from 'react';

import { FleetStore } from './fleet-store';
import type { FleetView } from './fleet-store';
import { realtime } from './socket';
import type { ConnectionState } from './socket';

export const fleetStore = new FleetStore();
let fleetFeedHolders = 0;
let stopFleetFeed: (() => void) | undefined;

/** Keeps the `fleet` channel flowing into the store while at least one component reads it. */
function holdFleetFeed(): () => void {
  if (fleetFeedHolders++ === 0) {
    const off = realtime.on('fleet:update', (update) => fleetStore.apply(update));
    const release = realtime.hold('fleet');
    stopFleetFeed = () => {
      release();
      off();
    };
  }
  return () => {
    if (--fleetFeedHolders === 0) stopFleetFeed?.();
  };
}

/** Keeps the feed open without re-rendering: for the canvas map, which reads `fleetStore.live` each frame. */
export function useFleetFeed(): FleetStore {
  useEffect(holdFleetFeed, []);
  return fleetStore;
}

/** The live fleet, re-rendered at most once per animation frame. */
export function useFleet(): FleetView {
  useEffect(holdFleetFeed, []);
  return useSyncExternalStore(fleetStore.subscribe, fleetStore.getSnapshot, fleetStore.getServerSnapshot);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(realtime.onStateChange, realtime.getState, () => 'connecting');
}

/** Wall-clock time, re-read every `intervalMs`, for "updated 3 s ago" labels. */
export function useNow(intervalMs = 1000): number {
  return useSyncExternalStore(
    (notify) => {
      const timer = setInterval(notify, intervalMs);
      return () => clearInterval(timer);
    },
    () => Math.floor(Date.now() / intervalMs) * intervalMs,
    () => 0,
  );
}
