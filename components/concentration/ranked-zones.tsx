import Link from 'next/link';

import type { ZoneView } from '@/lib/api/zones';
import { formatClock, formatNumber } from '@/lib/format';
import { occupancyBand } from '@/lib/zones/occupancy-level';

import styles from './concentration.module.css';

/** Zones by live count against capacity, most concentrated first (the server ranks them). */
export function RankedZones({ zones, limit, onSelect }: { zones: readonly ZoneView[]; limit: number; onSelect: (zoneId: string) => void }) {
  return (
    <section className={styles.panel} aria-labelledby="ranked-title">
      <h2 id="ranked-title">Most concentrated now</h2>
      <p className={styles.explain}>
        People now: badges whose latest sighting in the last 15 minutes was in the zone, each counted once, against the zone&apos;s capacity.
      </p>
      <ol className={styles.ranked} aria-label="Most concentrated zones">
        {zones.slice(0, limit).map((zone, index) => (
          <li
            key={zone.zoneId}
            className={styles.rankedItem}
            data-zone-id={zone.zoneId}
            tabIndex={0}
            aria-label={`${index + 1}. ${zone.name}: ${zone.live?.uniqueBadges ?? 0} of ${zone.capacity}${zone.alert ? ', capacity alert' : ''}. Show its trend`}
            onClick={() => onSelect(zone.zoneId)}
            onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && onSelect(zone.zoneId)}
          >
            <span>{index + 1}</span>
            <span>
              {zone.name}
              {zone.alert && (
                <Link
                  href={`/alerts?zone=${encodeURIComponent(zone.zoneId)}`}
                  className={styles.alertTag}
                  data-testid={`alert-${zone.zoneId}`}
                  title={`Capacity alert since ${formatClock(zone.alert.startedAt)}: open its alerts in the inbox`}
                  onClick={(event) => event.stopPropagation()}
                >
                  ALERT
                </Link>
              )}
            </span>
            <span>
              {formatNumber(zone.live?.uniqueBadges ?? 0)} / {formatNumber(zone.capacity)} · {formatNumber(zone.occupancyPct)} %
            </span>
            <span className={styles.bar} aria-hidden>
              <span
                className={styles.barFill}
                style={{ display: 'block', width: `${Math.min(100, zone.occupancyPct)}%`, background: occupancyBand(zone.occupancyPct).colour }}
              />
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
