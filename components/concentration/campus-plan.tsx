import type { ZoneView } from '@/lib/api/zones';
import { formatNumber } from '@/lib/format';
import { occupancyLevel } from '@/lib/zones/occupancy-level';
import type { OccupancyLevel } from '@/lib/zones/occupancy-level';

import styles from './concentration.module.css';
import { labelPoint, planBounds, toSvgPoints } from './plan-geometry';

const LEGEND: { level: OccupancyLevel; label: string }[] = [
  { level: 'none', label: 'empty' },
  { level: 'low', label: '< 50 %' },
  { level: 'moderate', label: '50–80 %' },
  { level: 'high', label: '80–100 %' },
  { level: 'over', label: 'over capacity' },
];

/** The campus drawn from the zones' own shapes, each zone coloured by its live count against capacity. */
export function CampusPlan({ zones, selected, onSelect }: { zones: readonly ZoneView[]; selected: string | undefined; onSelect: (zoneId: string) => void }) {
  const bounds = planBounds(zones.map((zone) => zone.shape));
  const width = bounds.maxX - bounds.minX;
  const height = bounds.maxY - bounds.minY;
  return (
    <figure className={styles.panel} aria-labelledby="campus-plan-title">
      <h2 id="campus-plan-title">Campus plan · live</h2>
      <svg className={styles.plan} viewBox={`0 0 ${width} ${height}`} role="group" aria-label="Campus plan">
        {zones.map((zone) => {
          const level = occupancyLevel(zone.occupancyPct);
          const label = labelPoint(zone.shape, bounds);
          const count = zone.live?.uniqueBadges ?? 0;
          return (
            <g
              key={zone.zoneId}
              data-zone-id={zone.zoneId}
              data-level={level}
              role="button"
              tabIndex={0}
              aria-label={`${zone.name}: ${count} of ${zone.capacity}`}
              aria-pressed={selected === zone.zoneId}
              onClick={() => onSelect(zone.zoneId)}
              onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && onSelect(zone.zoneId)}
            >
              <polygon points={toSvgPoints(zone.shape, bounds)} className={`${styles.zone} ${styles[`level-${level}`]} ${selected === zone.zoneId ? styles.zoneSelected : ''}`} />
              <text x={label.x} y={label.y - 2} className={styles.zoneLabel}>
                {zone.name}
              </text>
              <text x={label.x} y={label.y + 8} className={`${styles.zoneLabel} ${styles.zoneCount}`} data-testid={`plan-count-${zone.zoneId}`}>
                {formatNumber(count)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        {LEGEND.map(({ level, label }) => (
          <span key={level}>
            <svg className={styles.swatch} viewBox="0 0 1 1" aria-hidden>
              <rect width="1" height="1" className={styles[`level-${level}`]} />
            </svg>
            {label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
