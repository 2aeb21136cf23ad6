import { formatAge, formatNumber } from '@/lib/format';
import type { VehicleView } from '@/lib/realtime/events';

import type { Hit } from './map/hit-test';
import { FRESHNESS_LABELS } from './map-style';

/** What the pointer is over: a hit from the map's hit test. */
export type Hovered = Hit;

/** A cluster lists this many members; a list of hundreds is no help under a pointer. */
const MAX_LISTED = 12;

export function MapTooltip({ hovered }: { hovered: Hovered }) {
  return (
    <div className="map-tooltip" role="tooltip" style={{ left: hovered.x + 14, top: hovered.y + 14 }}>
      {hovered.kind === 'vehicle' ? <VehicleTip vehicle={hovered.vehicle} /> : <ClusterTip members={hovered.members} />}
    </div>
  );
}

function VehicleTip({ vehicle }: { vehicle: VehicleView }) {
  return (
    <>
      <strong>{vehicle.vehicleId}</strong> · {vehicle.plate}
      <br />
      {vehicle.driver}
      <br />
      {vehicle.status}, {formatNumber(vehicle.speedKmh)} km/h · {FRESHNESS_LABELS[vehicle.freshness]}
      {vehicle.freshness !== 'live' && <> (fix {formatAge(Date.now() - vehicle.ts)})</>}
      {vehicle.openAlerts > 0 && (
        <>
          <br />
          <span className="tip-alert">
            {vehicle.openAlerts} open alert{vehicle.openAlerts > 1 ? 's' : ''}
          </span>
        </>
      )}
    </>
  );
}

function ClusterTip({ members }: { members: readonly VehicleView[] }) {
  return (
    <>
      <strong>{members.length} vehicles</strong> (click to zoom in)
      <ul>
        {members.slice(0, MAX_LISTED).map((vehicle) => (
          <li key={vehicle.vehicleId}>
            {vehicle.vehicleId} · {vehicle.status}
            {vehicle.freshness !== 'live' ? ` · ${FRESHNESS_LABELS[vehicle.freshness]}` : ''}
            {vehicle.openAlerts > 0 ? ' · alert' : ''}
          </li>
        ))}
        {members.length > MAX_LISTED && <li>and {members.length - MAX_LISTED} more</li>}
      </ul>
    </>
  );
}
