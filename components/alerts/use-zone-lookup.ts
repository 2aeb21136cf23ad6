'use client';

import { useMemo } from 'react';

import type { ZoneLookup } from '@/lib/alerts/describe';
import { useZonesOccupancy } from '@/lib/client/queries/zones';

export interface ZoneOption {
  zoneId: string;
  name: string;
}

/**
 * Zone names and capacities for alert titles ("Main hall over capacity: 563 of 500") and the
 * security desk's zone filters, read from the zones snapshot only when the user's teams include
 * the security desk (nobody else sees capacity alerts).
 */
export function useZoneLookup(enabled: boolean): { lookup: ZoneLookup | undefined; options: ZoneOption[] } {
  const { data } = useZonesOccupancy(enabled);
  return useMemo(() => {
    if (!data) return { lookup: undefined, options: [] };
    const byId = new Map(data.zones.map((zone) => [zone.zoneId, { name: zone.name, capacity: zone.capacity }]));
    const options = data.zones.map((zone) => ({ zoneId: zone.zoneId, name: zone.name })).sort((a, b) => a.name.localeCompare(b.name));
    return { lookup: (zoneId: string) => byId.get(zoneId), options };
  }, [data]);
}
