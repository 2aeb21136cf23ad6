'use client';

import { useQuery } from '@tanstack/react-query';

import type { Trip, TripFormat } from '../../contracts/trip';
import { tripSchema } from '../../contracts/trip';

import { getReplayJson } from './replay';

export interface TripPeriod {
  from: number;
  to: number;
}

export const tripKeys = {
  all: ['trip'] as const,
  trip: (vehicleId: string, period: TripPeriod) => [...tripKeys.all, vehicleId, period.from, period.to] as const,
};

/** The trip route's URL: the JSON the view reads, or a download of the same trip. */
export function tripUrl(vehicleId: string, period: TripPeriod, format: TripFormat = 'json'): string {
  const query = new URLSearchParams({ from: new Date(period.from).toISOString(), to: new Date(period.to).toISOString() });
  if (format !== 'json') query.set('format', format);
  return `/api/fleet/vehicles/${encodeURIComponent(vehicleId)}/trip?${query.toString()}`;
}

/** One vehicle's trip in a period, read from Kafka by the BFF; a refusal carries the server's words. */
export function useTrip(vehicleId: string, period: TripPeriod) {
  return useQuery({
    queryKey: tripKeys.trip(vehicleId, period),
    queryFn: ({ signal }) => getReplayJson(tripUrl(vehicleId, period), (body): Trip => tripSchema.parse(body), signal),
    staleTime: 60_000,
    retry: false,
  });
}
