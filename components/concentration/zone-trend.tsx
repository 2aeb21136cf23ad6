'use client';

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { ZoneView } from '@/lib/api/zones';
import { formatMinute } from '@/lib/format';

import styles from './concentration.module.css';

/** One zone's distinct badges per 15-minute window, the open window last, against its capacity. */
export function ZoneTrend({ zone }: { zone: ZoneView | undefined }) {
  if (!zone) return null;
  const points = [...zone.windows, ...(zone.current ? [zone.current] : [])].map((window) => ({
    label: formatMinute(window.windowStart),
    badges: window.uniqueBadges,
    final: window.final,
  }));
  return (
    <section className={styles.panel} aria-labelledby="trend-title" data-testid="zone-trend" data-zone-id={zone.zoneId}>
      <h2 id="trend-title">{zone.name}: people per 15 minutes</h2>
      {points.length === 0 ? (
        <p className="empty">No 15-minute windows yet for this zone.</p>
      ) : (
        <div className={styles.chart}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" label={{ value: '15-minute window (start, local time)', position: 'insideBottom', offset: -10 }} />
              <YAxis
                allowDecimals={false}
                domain={[0, (max: number) => Math.max(max, zone.capacity)]}
                label={{ value: 'People', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
              />
              <Tooltip />
              <ReferenceLine
                y={zone.capacity}
                stroke="#cf222e"
                strokeDasharray="4 4"
                label={{ value: `capacity ${zone.capacity}`, position: 'insideTopRight', fill: '#cf222e', fontSize: 11 }}
              />
              <Line type="monotone" dataKey="badges" name="people (distinct badges)" stroke="#0969da" dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
