'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';

import type { VehiclePoint } from '../realtime/events';

import { realtime } from './socket';
import { VehicleSeries } from './vehicle-series';

const NO_POINTS: readonly VehiclePoint[] = [];

/**
 * One vehicle's last 15 minutes, live: subscribes to `vehicle:<id>` only while a component shows it,
 * and unsubscribes when it closes or another vehicle is chosen.
 */
export function useVehicleSeries(vehicleId: string | null): readonly VehiclePoint[] {
  const [series, setSeries] = useState<VehicleSeries | null>(null);
  useEffect(() => {
    if (!vehicleId) return setSeries(null);
    const next = new VehicleSeries(vehicleId);
    setSeries(next);
    const off = realtime.on('vehicle:update', (update) => {
      if (update.vehicleId === vehicleId) next.add(update.points);
    });
    const release = realtime.hold(`vehicle:${vehicleId}`);
    return () => {
      release();
      off();
    };
  }, [vehicleId]);
  return useSyncExternalStore(series?.subscribe ?? noSubscribe, series?.getSnapshot ?? noPoints, noPoints);
}

function noSubscribe(): () => void {
  return () => undefined;
}

function noPoints(): readonly VehiclePoint[] {
  return NO_POINTS;
}
