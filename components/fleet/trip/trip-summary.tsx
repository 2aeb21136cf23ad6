import type { Trip } from '@/lib/contracts/trip';
import { formatDateTime, formatDuration, formatNumber } from '@/lib/format';

/** Distance, driving and idle time and stops, with units; and whether the route was thinned to its bound. */
export function TripSummary({ trip }: { trip: Trip }) {
  const { summary } = trip;
  return (
    <div>
      <dl className="kpis trip-summary" data-testid="trip-summary">
        <div>
          <dt>Distance</dt>
          <dd data-testid="trip-distance">{formatNumber(summary.distanceKm, 1)} km</dd>
        </div>
        <div>
          <dt>Driving</dt>
          <dd>{formatDuration(summary.drivingMs / 1000)}</dd>
        </div>
        <div>
          <dt>Idle</dt>
          <dd>{formatDuration(summary.idleMs / 1000)}</dd>
        </div>
        <div>
          <dt>Stops</dt>
          <dd data-testid="trip-stops">
            {summary.stops} <span className="kpi-hint">≥ {formatDuration(trip.stopMinMs / 1000)}</span>
          </dd>
        </div>
        <div>
          <dt>Fixes</dt>
          <dd>{formatNumber(trip.fixes)}</dd>
        </div>
      </dl>
      <p className="trip-note">
        {formatDateTime(trip.from)} – {formatDateTime(trip.to)}
        {trip.downsampled &&
          ` · route and charts thinned evenly to ${formatNumber(trip.points.length)} of ${formatNumber(trip.fixes)} fixes; figures use every fix`}
      </p>
    </div>
  );
}
