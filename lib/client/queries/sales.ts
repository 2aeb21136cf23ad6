'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';

import type { SalesResponse } from '../../api/sales';
import { salesResponseSchema } from '../../api/sales';

import { fetchOrExplain } from './fetch';

/** Every query key of the sales view: components and the live feed name keys only through here. */
export const salesKeys = {
  all: ['sales'] as const,
  perMinuteAll: () => [...salesKeys.all, 'per-minute'] as const,
  perMinute: (minutes: number) => [...salesKeys.perMinuteAll(), minutes] as const,
};

export async function fetchSalesPerMinute(minutes: number): Promise<SalesResponse> {
  const response = await fetchOrExplain(`/api/sales/per-minute?minutes=${minutes}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`sales per minute: HTTP ${response.status}`);
  return salesResponseSchema.parse(await response.json());
}

/** Sales per minute of the last `minutes`; the `sales` channel keeps it current (see use-sales-feed). */
export function useSalesPerMinute(minutes: number) {
  return useQuery({
    queryKey: salesKeys.perMinute(minutes),
    queryFn: () => fetchSalesPerMinute(minutes),
    // The socket patches the cache; a refetch only after a reconnect or a range change.
    staleTime: Number.POSITIVE_INFINITY,
    // While another range loads, the chart keeps showing the previous one rather than flashing empty.
    placeholderData: keepPreviousData,
  });
}
