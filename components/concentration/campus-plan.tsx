import type { ZoneView } from '@/lib/api/zones';
import { formatNumber } from '@/lib/format';
import { OCCUPANCY_BANDS, occupancyBand } from '@/lib/zones/occupancy-level';

import styles from './concentration.module.css';
import { fitLabel, labelPoint, planBounds, shapeWidth, toSvgPoints } from './plan-geometry';

/** The zone name's font size on the plan (plan units: metres); the count is drawn larger. */
const NAME_SIZE = 6;
const COUNT_SIZE = 9;

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
          const band = occupancyBand(zone.occupancyPct);
          const label = labelPoint(zone.shape, bounds);
          const name = fitLabel(zone.name, shapeWidth(zone.shape), NAME_SIZE);
          const count = zone.live?.uniqueBadges ?? 0;
          // The name's lines sit above the count, the whole block centred on the label point.
          const top = label.y - (name.lines.length * name.fontSize + COUNT_SIZE) / 2 + name.fontSize * 0.8;
          return (
            <g
              key={zone.zoneId}
              data-zone-id={zone.zoneId}
              data-level={band.level}
              role="button"
              tabIndex={0}
              aria-label={`${zone.name}: ${count} people of ${zone.capacity}`}
              aria-pressed={selected === zone.zoneId}
              onClick={() => onSelect(zone.zoneId)}
              onKeyDown={(event) => (event.key === 'Enter' || event.key === ' ') && onSelect(zone.zoneId)}
            >
              <title>{`${zone.name}: ${count} people now of ${zone.capacity} (${formatNumber(zone.occupancyPct)} %)`}</title>
              <polygon
                points={toSvgPoints(zone.shape, bounds)}
                className={`${styles.zone} ${selected === zone.zoneId ? styles.zoneSelected : ''}`}
                fill={band.colour}
              />
              <text x={label.x} y={top} className={styles.zoneLabel} fill={band.ink} fontSize={name.fontSize} data-testid={`plan-name-${zone.zoneId}`}>
                {name.lines.map((line, index) => (
                  <tspan key={index} x={label.x} dy={index === 0 ? 0 : name.fontSize}>
                    {line}
                  </tspan>
                ))}
              </text>
              <text
                x={label.x}
                y={top + (name.lines.length - 1) * name.fontSize + COUNT_SIZE}
                className={`${styles.zoneLabel} ${styles.zoneCount}`}
                fill={band.ink}
                data-testid={`plan-count-${zone.zoneId}`}
              >
                {formatNumber(count)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className={styles.legend}>
        <span className={styles.legendTitle}>People now, of capacity:</span>
        {OCCUPANCY_BANDS.map((band) => (
          <span key={band.level}>
            <svg className={styles.swatch} viewBox="0 0 1 1" aria-hidden>
              <rect width="1" height="1" fill={band.colour} />
            </svg>
            {band.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
