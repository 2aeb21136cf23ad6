'use client';

import Link from 'next/link';
import { useMemo } from 'react';

import { VehicleAlerts } from '@/components/alerts/vehicle-alerts';
import { formatAge, formatNumber } from '@/lib/format';
import type { VehiclePoint, VehicleView } from '@/lib/realtime/events';

import { FRESHNESS_LABELS } from './map-style';
import { MetricChart } from './metric-chart';

interface Metric {
  key: 'speedKmh' | 'engineTempC' | 'containerTempC' | 'fuelPct';
  label: string;
  unit: string;
}

const METRICS: Metric[] = [
  { key: 'speedKmh', label: 'Speed', unit: 'km/h' },
  { key: 'engineTempC', label: 'Engine temperature', unit: '°C' },
  { key: 'containerTempC', label: 'Container temperature', unit: '°C' },
  { key: 'fuelPct', label: 'Fuel', unit: '%' },
];

/** One vehicle: who and what it is, its freshness, and its last 15 minutes as live charts (`points`, from the page's one `vehicle:<id>` subscription). */
export function VehicleDetail({ vehicle, points, onClose }: { vehicle: VehicleView; points: readonly VehiclePoint[]; onClose: () => void }) {
  const metrics = useMemo(() => METRICS.filter((metric) => metric.key !== 'containerTempC' || vehicle.fleet === 'tankers'), [vehicle.fleet]);
  return (
    <aside className="vehicle-detail" aria-label={`Vehicle ${vehicle.vehicleId}`} data-testid="vehicle-detail">
      <header className="vehicle-detail-header">
        <h2>
          {vehicle.vehicleId} <span className="plate">{vehicle.plate}</span>
        </h2>
        <button type="button" className="link-button" onClick={onClose} aria-label="Close vehicle detail">
          Close
        </button>
      </header>
      <dl className="vehicle-facts">
        <dt>Driver</dt>
        <dd>{vehicle.driver}</dd>
        <dt>Depot</dt>
        <dd>{vehicle.depot ?? '—'}</dd>
        <dt>Fleet</dt>
        <dd>{vehicle.fleet}</dd>
        {vehicle.cargo && (
          <>
            <dt>Cargo</dt>
            <dd>{vehicle.cargo}</dd>
          </>
        )}
        <dt>Status</dt>
        <dd>
          <span className={`status status-${vehicle.status}`}>{vehicle.status}</span> {formatNumber(vehicle.speedKmh)} km/h
        </dd>
        <dt>Data</dt>
        <dd className={`freshness-${vehicle.freshness}`}>
          {FRESHNESS_LABELS[vehicle.freshness]}, last fix {formatAge(Math.max(0, Date.now() - vehicle.ts))}
        </dd>
        <dt>Open alerts</dt>
        <dd>{vehicle.openAlerts}</dd>
      </dl>
      <Link className="trip-link" href={`/fleet/vehicles/${encodeURIComponent(vehicle.vehicleId)}/trip`}>
        Trip history
      </Link>
      <div className="vehicle-charts" data-testid="vehicle-charts" data-last-ts={points.at(-1)?.ts ?? ''} data-points={points.length}>
        {metrics.map((metric) => (
          <MetricChart key={metric.key} label={metric.label} unit={metric.unit} points={points} metric={metric.key} />
        ))}
      </div>
      <VehicleAlerts vehicleId={vehicle.vehicleId} />
    </aside>
  );
}
