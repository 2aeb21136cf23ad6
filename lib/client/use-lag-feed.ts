'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { lagKeys } from './queries/lag';
import { realtime } from './socket';

/**
 * Keeps the `lag` channel open while mounted. Each `lag:update` (one per poll) is every group's
 * summary: it replaces the cached list, and marks open group pages stale so they refetch their
 * partitions once per poll. A reconnect resubscribes and the join sends the summaries again.
 */
export function useLagFeed(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const off = realtime.on('lag:update', (update) => {
      queryClient.setQueryData(lagKeys.summaries(), update);
      void queryClient.invalidateQueries({ queryKey: lagKeys.groups() });
    });
    const release = realtime.hold('lag');
    return () => {
      release();
      off();
    };
  }, [queryClient]);
}
