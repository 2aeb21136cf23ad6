'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import type { SalesResponse } from '../api/sales';
import { mergeSalesRows } from '../sales/summary';

import { salesKeys } from './queries/sales';
import { realtime } from './socket';

/**
 * Keeps the `sales` channel open while mounted and patches every cached sales range with each
 * `sales:update` (the server already coalesces to one frame per tick). After a reconnect the
 * ranges are refetched, because updates sent while offline are gone.
 */
export function useSalesFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const off = realtime.on('sales:update', (update) => {
      queryClient.setQueriesData<SalesResponse>({ queryKey: salesKeys.perMinuteAll() }, (held) => held && mergeSalesRows(held, update.rows, Date.now()));
    });
    // Only a connection that was live and came back means missed updates, not the first connect.
    let wasLive = realtime.getState() === 'live';
    let missedUpdates = false;
    const offState = realtime.onStateChange(() => {
      const live = realtime.getState() === 'live';
      if (!live && wasLive) missedUpdates = true;
      if (live && missedUpdates) {
        missedUpdates = false;
        void queryClient.invalidateQueries({ queryKey: salesKeys.all });
      }
      wasLive = live;
    });
    const release = realtime.hold('sales');
    return () => {
      release();
      offState();
      off();
    };
  }, [queryClient]);
}
