'use client';

import { useNow } from '@/lib/client/use-fleet';
import type { FleetKpis as Kpis } from '@/lib/fleet/kpis';
import { formatAge, formatNumber } from '@/lib/format';

/** The fleet at a glance: totals by status and fleet, speed, alerts and how fresh the data is. */
/**
 * Until the first snapshot (`loaded` false) each tile shows a placeholder: zeros would read as an
 * empty fleet. With nothing coming (`unavailable`: a past moment that could not be read) each shows
 * a dash, not a placeholder that says it is loading.
 */
export function FleetKpis({
  kpis,
  consumerLagMs,
  loaded,
  unavailable = false,
}: {
  kpis: Kpis;
  consumerLagMs: number | null;
  loaded: boolean;
  unavailable?: boolean;
}) {
  const now = useNow();
  const newestAge = kpis.newestFixAt === null || now === 0 ? null : Math.max(0, now - kpis.newestFixAt);
  const tiles: { key: string; label: string; value: string; hint?: string }[] = [
    {
      key: 'total',
      label: 'Vehicles',
      value: formatNumber(kpis.total),
      hint: `${formatNumber(kpis.byFleet.cabs)} cabs · ${formatNumber(kpis.byFleet.tankers)} tankers`,
    },
    { key: 'moving', label: 'Moving', value: formatNumber(kpis.byStatus.moving) },
    { key: 'idle', label: 'Idle', value: formatNumber(kpis.byStatus.idle) },
    { key: 'parked', label: 'Parked', value: formatNumber(kpis.byStatus.parked) },
    {
      key: 'offline',
      label: 'Offline',
      value: formatNumber(kpis.byStatus.offline),
      hint: kpis.stale > 0 ? `${formatNumber(kpis.stale)} delayed / frozen GPS` : undefined,
    },
    {
      key: 'speed',
      label: 'Average speed',
      value: kpis.averageSpeedKmh === null ? '—' : `${formatNumber(kpis.averageSpeedKmh)} km/h`,
      hint: 'vehicles reporting',
    },
    { key: 'alerts', label: 'With open alerts', value: formatNumber(kpis.withOpenAlerts) },
    {
      key: 'freshness',
      label: 'Newest fix',
      value: newestAge === null ? '—' : formatAge(newestAge),
      hint: consumerLagMs === null ? 'BFF lag unknown' : `BFF lag ${formatNumber(consumerLagMs / 1000, 1)} s`,
    },
  ];
  return (
    <dl className="kpis fleet-kpis" aria-busy={!loaded && !unavailable}>
      {tiles.map((tile) => (
        <div key={tile.key} className={`kpi kpi-${tile.key}`}>
          <dt>{tile.label}</dt>
          <dd data-testid={`kpi-${tile.key}`}>{loaded ? tile.value : unavailable ? '—' : <span className="loading-value" aria-label="loading" />}</dd>
          {loaded && tile.hint && <dd className="kpi-hint">{tile.hint}</dd>}
        </div>
      ))}
    </dl>
  );
}
