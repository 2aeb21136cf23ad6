'use client';

import { useConnectionState, useFleet } from '@/lib/client/use-fleet';

import { ConnectionBadge } from '../ui/connection-badge';

import { DataFreshness } from './data-freshness';
import { FleetKpis } from './fleet-kpis';
import { VehicleList } from './vehicle-list';

export function FleetView() {
  const fleet = useFleet();
  const connection = useConnectionState();
  return (
    <section className="view" aria-labelledby="fleet-title">
      <div className="view-header">
        <h1 id="fleet-title">Fleet</h1>
        <ConnectionBadge state={connection} />
        <DataFreshness newestFixAt={fleet.newestFixAt} />
      </div>
      {connection !== 'live' && fleet.loaded && (
        <p className="banner banner-warning" role="alert">
          The live connection is down: what you see is as of the last update. Reconnecting automatically.
        </p>
      )}
      <FleetKpis counts={fleet.counts} />
      {!fleet.loaded ? (
        <p className="empty" aria-busy="true">
          Loading the fleet…
        </p>
      ) : fleet.vehicles.size === 0 ? (
        <p className="empty">No vehicles have reported in the last {15} minutes. Is the simulator or your producer running?</p>
      ) : (
        <VehicleList vehicles={fleet.vehicles} />
      )}
    </section>
  );
}
