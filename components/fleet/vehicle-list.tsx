'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';

import { formatNumber } from '@/lib/format';
import type { VehicleView } from '@/lib/realtime/events';

const ROW_HEIGHT = 34;

/** Virtualised: only the rows in view are in the DOM, so thousands of vehicles stay smooth. */
export function VehicleList({ vehicles }: { vehicles: ReadonlyMap<string, VehicleView> }) {
  const rows = useMemo(() => [...vehicles.values()].sort((a, b) => a.vehicleId.localeCompare(b.vehicleId)), [vehicles]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });

  return (
    <div className="vehicle-list" role="table" aria-label="Vehicles" aria-rowcount={rows.length} data-vehicle-count={rows.length}>
      <div className="vehicle-row vehicle-header" role="row">
        {['Vehicle', 'Plate', 'Driver', 'Status', 'Speed', 'Engine', 'Container', 'Fuel'].map((label) => (
          <span key={label} role="columnheader">
            {label}
          </span>
        ))}
      </div>
      <div ref={scrollRef} className="vehicle-scroll">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const vehicle = rows[item.index];
            if (!vehicle) return null;
            return (
              <div
                key={vehicle.vehicleId}
                className="vehicle-row"
                role="row"
                data-vehicle-id={vehicle.vehicleId}
                style={{ position: 'absolute', top: 0, transform: `translateY(${item.start}px)`, height: ROW_HEIGHT, width: '100%' }}
              >
                <span role="cell">{vehicle.vehicleId}</span>
                <span role="cell">{vehicle.plate}</span>
                <span role="cell">{vehicle.driver}</span>
                <span role="cell">
                  <span className={`status status-${vehicle.status}`}>{vehicle.status}</span>
                </span>
                <span role="cell">{formatNumber(vehicle.speedKmh)} km/h</span>
                <span role="cell">{formatNumber(vehicle.engineTempC, 1)} °C</span>
                <span role="cell">{vehicle.containerTempC === undefined ? '—' : `${formatNumber(vehicle.containerTempC, 1)} °C`}</span>
                <span role="cell">{formatNumber(vehicle.fuelPct)} %</span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
