'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';

import type { TripPeriod } from '@/lib/client/queries/trip';
import { tripUrl, useTrip } from '@/lib/client/queries/trip';
import type { Trip } from '@/lib/contracts/trip';
import { TRIP_DEFAULT_PERIOD_MS } from '@/lib/contracts/trip';
import { pointAt } from '@/lib/fleet/trip';
import { readTripPeriod, writeTripPeriod } from '@/lib/fleet/url-view';
import { findGaps } from '@/lib/series-gaps';

import { lastHours, PeriodPicker } from './period-picker';
import { TripCharts } from './trip-charts';
import { TripMap } from './trip-map';
import { TripSummary } from './trip-summary';

interface TripViewProps {
  vehicleId: string;
  retentionMs: number;
  styleUrl?: string;
}

/**
 * The period lives in the URL (`from`, `to`), so a shared link reopens it; written with
 * `history.replaceState` as the fleet page keeps its view. Without a valid period there: `fallback`.
 */
function useUrlPeriod(fallback: () => TripPeriod): [TripPeriod, (period: TripPeriod) => void] {
  const params = useSearchParams();
  const [period, setState] = useState<TripPeriod>(() => readTripPeriod(params) ?? fallback());
  const setPeriod = useCallback((next: TripPeriod) => {
    const search = new URLSearchParams(window.location.search);
    writeTripPeriod(search, next);
    window.history.replaceState(null, '', `?${search.toString()}`);
    setState(next);
  }, []);
  return [period, setPeriod];
}

/** The trip's map and charts, hover-linked through one shared time. */
function TripBody({ trip, styleUrl }: { trip: Trip; styleUrl?: string }) {
  const [hoverTs, setHoverTs] = useState<number | null>(null);
  const cursor = useMemo(() => (hoverTs === null ? undefined : pointAt(trip.points, hoverTs)), [trip.points, hoverTs]);
  const gaps = useMemo(() => findGaps(trip.points.map((point) => point.ts)), [trip.points]);
  return (
    <>
      <TripSummary trip={trip} gaps={gaps} />
      <div className="trip-layout">
        <TripMap key={`${trip.from}-${trip.to}`} trip={trip} cursor={cursor} onHover={setHoverTs} styleUrl={styleUrl} />
        <TripCharts points={trip.points} gaps={gaps} cursorTs={cursor?.ts ?? null} onHover={setHoverTs} />
      </div>
    </>
  );
}

/** A vehicle's trip history: a period, its route with stops, the charts, the figures and the downloads. */
export function TripView({ vehicleId, retentionMs, styleUrl }: TripViewProps) {
  const [period, setPeriod] = useUrlPeriod(() => lastHours(Math.min(TRIP_DEFAULT_PERIOD_MS, retentionMs - 60_000) / 3_600_000));
  const trip = useTrip(vehicleId, period);
  return (
    <section className="trip-view" aria-label={`Trip history of ${vehicleId}`} data-testid="trip-view">
      <header className="trip-header">
        <h1>Trip history · {vehicleId}</h1>
        <Link href={`/fleet?vehicle=${encodeURIComponent(vehicleId)}`}>Back to the fleet</Link>
      </header>
      <div className="trip-toolbar">
        <PeriodPicker key={`${period.from}-${period.to}`} period={period} retentionMs={retentionMs} onChange={setPeriod} />
        <span className="trip-downloads">
          Download{' '}
          <a href={tripUrl(vehicleId, period, 'csv')} download>
            CSV
          </a>{' '}
          ·{' '}
          <a href={tripUrl(vehicleId, period, 'geojson')} download>
            GeoJSON
          </a>
        </span>
      </div>
      {trip.isPending && <p aria-busy="true">Reading the vehicle&apos;s fixes from Kafka…</p>}
      {trip.isError && (
        <p role="alert" className="time-error">
          {trip.error.message}
        </p>
      )}
      {trip.data && trip.data.fixes === 0 && (
        <p className="empty" data-testid="trip-empty">
          No fixes in this period.
        </p>
      )}
      {trip.data && trip.data.fixes > 0 && <TripBody trip={trip.data} styleUrl={styleUrl} />}
    </section>
  );
}
