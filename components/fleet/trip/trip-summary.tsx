import type { Trip } from '@/lib/contracts/trip';
import { formatDateTime, formatDuration, formatMinute, formatNumber } from '@/lib/format';
import type { SeriesGap } from '@/lib/series-gaps';

/** "14:02–16:05" within a day's trip, with the dates when the trip spans days. */
function gapText(trip: Trip, gap: SeriesGap): string {
  const oneDay = new Date(trip.from).toDateString() === new Date(trip.to).toDateString();
  const at = oneDay ? formatMinute : formatDateTime;
  return `${at(gap.from)}–${at(gap.to)}`;
}

/** Distance, driving and idle time and stops, with units; whether the route was thinned to its bound; where the data has gaps. */
export function TripSummary({ trip, gaps }: { trip: Trip; gaps: readonly SeriesGap[] }) {
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
        {gaps.length > 0 && (
          <span data-testid="trip-gaps">
            {' · '}no data {gaps.map((gap) => gapText(trip, gap)).join(', ')}: the route and charts are broken there, not drawn across
          </span>
        )}
      </p>
    </div>
  );
}
