'use client';

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { formatClock } from '@/lib/format';
import type { LagPoint } from '@/lib/lag/api';
import { trendSpanLabel } from '@/lib/lag/table';

import styles from './lag.module.css';

/** At most this many points per series, as the architecture asks of live charts. */
const MAX_POINTS = 1_000;

function thin(points: readonly LagPoint[]): LagPoint[] {
  if (points.length <= MAX_POINTS) return [...points];
  const step = points.length / MAX_POINTS;
  return Array.from({ length: MAX_POINTS }, (_, index) => points[Math.floor(index * step)] as LagPoint);
}

/** Total lag (messages) and max lag in seconds of one group, one point per poll over the kept history. */
export function LagTrend({ history }: { history: readonly LagPoint[] }) {
  const data = thin(history).map((point) => ({ at: point.at, totalLag: point.totalLag, maxLagSeconds: point.maxLagSeconds }));
  return (
    <section className={styles.panel} aria-labelledby="lag-trend-title" data-testid="lag-trend">
      <h2 id="lag-trend-title">Trend ({data.length < 2 ? 'starting' : trendSpanLabel(data)}, one point per poll)</h2>
      {data.length < 2 ? (
        <p className="empty">The trend appears after a few polls.</p>
      ) : (
        <div className={styles.chart}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 16, bottom: 16, left: 16 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="at"
                type="number"
                domain={['dataMin', 'dataMax']}
                scale="time"
                tickFormatter={formatClock}
                minTickGap={32}
                label={{ value: 'Time of poll (local)', position: 'insideBottom', offset: -10 }}
              />
              <YAxis
                yAxisId="messages"
                allowDecimals={false}
                label={{ value: 'Total lag (messages)', angle: -90, position: 'insideLeft', style: { textAnchor: 'middle' } }}
              />
              <YAxis
                yAxisId="seconds"
                orientation="right"
                label={{ value: 'Max lag (seconds)', angle: 90, position: 'insideRight', style: { textAnchor: 'middle' } }}
              />
              <Tooltip labelFormatter={(at) => formatClock(Number(at))} />
              <Legend verticalAlign="top" height={28} />
              <Line yAxisId="messages" type="linear" dataKey="totalLag" name="total lag (messages)" stroke="#0969da" dot={false} isAnimationActive={false} />
              <Line
                yAxisId="seconds"
                type="linear"
                dataKey="maxLagSeconds"
                name="max lag (s)"
                stroke="#bf8700"
                dot={false}
                isAnimationActive={false}
                connectNulls
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
