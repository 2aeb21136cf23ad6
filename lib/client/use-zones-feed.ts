'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { zoneKeys } from './queries/zones';
import { realtime } from './socket';

/**
 * Keeps the `zones` channel open while mounted. Every `zones:update` is the whole picture, so it
 * replaces the cached snapshot; a reconnect resubscribes and the join sends the picture again,
 * so nothing missed while offline stays missing.
 */
export function useZonesFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const off = realtime.on('zones:update', (update) => queryClient.setQueryData(zoneKeys.occupancy(), update));
    const release = realtime.hold('zones');
    return () => {
      release();
      off();
    };
  }, [queryClient]);
}
