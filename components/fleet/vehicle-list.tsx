'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useMemo, useRef } from 'react';

import { useNow } from '@/lib/client/use-fleet';
import type { ListQuery, SortColumn } from '@/lib/fleet/list-query';
import { queryVehicles } from '@/lib/fleet/list-query';
import { formatAge, formatDateTime, formatNumber } from '@/lib/format';
import type { VehicleView } from '@/lib/realtime/events';

import { FRESHNESS_LABELS } from './map-style';

const ROW_HEIGHT = 34;

/**
 * In the order shown. Each cell carries `col-<column>`, so the fleet page's CSS can leave out
 * low-priority columns where the list is narrow (app/fleet/fleet.css) instead of wrapping or cutting them.
 */
const COLUMNS: { column: SortColumn; label: string }[] = [
  { column: 'vehicleId', label: 'Vehicle' },
  { column: 'plate', label: 'Plate' },
  { column: 'driver', label: 'Driver' },
  { column: 'status', label: 'Status' },
  { column: 'freshness', label: 'Data' },
  { column: 'speedKmh', label: 'Speed' },
  { column: 'engineTempC', label: 'Engine' },
  { column: 'containerTempC', label: 'Container' },
  { column: 'fuelPct', label: 'Fuel' },
  { column: 'openAlerts', label: 'Alerts' },
];

interface VehicleListProps {
  vehicles: ReadonlyMap<string, VehicleView>;
  query: ListQuery;
  selectedId: string | null;
  onSort: (column: SortColumn) => void;
  onSelect: (vehicleId: string) => void;
}

/**
 * Virtualised: only the rows in view are in the DOM, so 10,000 vehicles stay smooth. The query is
 * deferred, so typing in the search never waits for a re-sort of the whole fleet.
 */
export function VehicleList({ vehicles, query, selectedId, onSort, onSelect }: VehicleListProps) {
  const deferredQuery = useDeferredValue(query);
  const rows = useMemo(() => queryVehicles(vehicles.values(), deferredQuery), [vehicles, deferredQuery]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const { column: sortColumn, descending } = query.sort;
  const now = useNow();

  return (
    <div className="vehicle-list" role="table" aria-label="Vehicles" aria-rowcount={rows.length} data-vehicle-count={rows.length}>
      <div className="vehicle-row vehicle-header" role="row">
        {COLUMNS.map(({ column, label }) => (
          <span
            key={column}
            role="columnheader"
            className={`col-${column}`}
            aria-sort={sortColumn === column ? (descending ? 'descending' : 'ascending') : 'none'}
          >
            <button type="button" className="sort-button" onClick={() => onSort(column)}>
              {label}
              {sortColumn === column ? (descending ? ' ▼' : ' ▲') : ''}
            </button>
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="vehicle-scroll">
        {rows.length === 0 && <p className="empty">No vehicle matches.</p>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const vehicle = rows[item.index];
            if (!vehicle) return null;
            return (
              <div
                key={vehicle.vehicleId}
                className={rowClass(vehicle, selectedId)}
                role="row"
                aria-selected={vehicle.vehicleId === selectedId}
                data-vehicle-id={vehicle.vehicleId}
                data-alert-severity={vehicle.alertSeverity}
                tabIndex={0}
                onClick={() => onSelect(vehicle.vehicleId)}
                onKeyDown={(event) => event.key === 'Enter' && onSelect(vehicle.vehicleId)}
                style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: '100%' }}
              >
                <VehicleCells vehicle={vehicle} now={now} />
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** A firing alert colours the row by its worst severity; an offline row is greyed, its values only "as of" the last fix. */
function rowClass(vehicle: VehicleView, selectedId: string | null): string {
  let name = 'vehicle-row';
  if (vehicle.vehicleId === selectedId) name += ' vehicle-row-selected';
  if (vehicle.alertSeverity) name += ` vehicle-row-${vehicle.alertSeverity}`;
  if (vehicle.freshness === 'offline') name += ' vehicle-row-offline';
  return name;
}

function VehicleCells({ vehicle, now }: { vehicle: VehicleView; now: number }) {
  const offline = vehicle.freshness === 'offline';
  return (
    <>
      <span role="cell" className="col-vehicleId">
        {vehicle.vehicleId}
      </span>
      <span role="cell" className="col-plate">
        {vehicle.plate}
      </span>
      <span role="cell" className="col-driver" title={vehicle.driver}>
        {vehicle.driver}
      </span>
      <span role="cell" className="col-status">
        <span
          className={`status status-${vehicle.alertSeverity ? `alert-${vehicle.alertSeverity}` : vehicle.status}`}
          title={vehicle.alertSeverity && `${vehicle.alertSeverity} alert firing`}
        >
          {vehicle.status}
        </span>
      </span>
      <span role="cell" className={`col-freshness freshness-${vehicle.freshness}`} title={offline ? `last fix ${formatDateTime(vehicle.ts)}` : undefined}>
        {offline && now > 0 ? `as of ${formatAge(Math.max(0, now - vehicle.ts))}` : FRESHNESS_LABELS[vehicle.freshness]}
      </span>
      <span role="cell" className="col-speedKmh">
        {formatNumber(vehicle.speedKmh)} km/h
      </span>
      <span role="cell" className="col-engineTempC">
        {formatNumber(vehicle.engineTempC, 1)} °C
      </span>
      <span role="cell" className="col-containerTempC">
        {vehicle.containerTempC === undefined ? '—' : `${formatNumber(vehicle.containerTempC, 1)} °C`}
      </span>
      <span role="cell" className="col-fuelPct">
        {formatNumber(vehicle.fuelPct)} %
      </span>
      <span role="cell" className="col-openAlerts">
        {vehicle.openAlerts > 0 ? <span className={`alert-count alert-count-${vehicle.alertSeverity ?? 'quiet'}`}>{vehicle.openAlerts}</span> : ''}
      </span>
    </>
  );
}
