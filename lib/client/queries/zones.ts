'use client';

import { useQuery } from '@tanstack/react-query';

import type { ZonesResponse } from '../../api/zones';
import { DEFAULT_PAST_WINDOWS, zonesResponseSchema } from '../../api/zones';

import { fetchOrExplain } from './fetch';

/** Every query key of the concentration view: components and the live feed name keys only through here. */
export const zoneKeys = {
  all: ['zones'] as const,
  occupancy: (pastWindows: number = DEFAULT_PAST_WINDOWS) => [...zoneKeys.all, 'occupancy', pastWindows] as const,
};

export async function fetchZonesOccupancy(pastWindows: number = DEFAULT_PAST_WINDOWS): Promise<ZonesResponse> {
  const response = await fetchOrExplain(`/api/zones/occupancy?windows=${pastWindows}`, { cache: 'no-store' });
  if (!response.ok) throw new Error(`zones occupancy: HTTP ${response.status}`);
  return zonesResponseSchema.parse(await response.json());
}

/** Every zone's live and 15-minute figures; the `zones` channel keeps it current (see use-zones-feed). */
export function useZonesOccupancy(enabled = true) {
  return useQuery({
    enabled,
    queryKey: zoneKeys.occupancy(),
    queryFn: () => fetchZonesOccupancy(),
    // The socket replaces the cached picture on every change; no polling.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
