'use client';

import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { describeBand, metricLabel, metricUnit } from '@/lib/alerts/describe';
import type { AlertView } from '@/lib/api/alerts';
import { useAlertVehicleHistory } from '@/lib/client/queries/alerts';
import { formatClock } from '@/lib/format';
import { findGaps, withBreaks } from '@/lib/series-gaps';

import styles from './alerts.module.css';

/** Recharts draws every point: beyond this many the series is thinned, because a long history would otherwise stall the pane. */
const MAX_POINTS = 1_000;

/**
 * The alert's metric from before it started to now, with the normal band it was judged against
 * and the violating span (from the episode's start to its clearing, or to now) shaded.
 */
export function AlertChart({ view }: { view: AlertView }) {
  const { alert } = view;
  const vehicleId = alert.kind === 'anomaly' ? alert.vehicleId : undefined;
  const history = useAlertVehicleHistory(vehicleId);
  if (alert.kind !== 'anomaly') return null;
  const metric = alert.metric as 'engineTempC' | 'containerTempC';
  const all = (history.data ?? []).flatMap((point) => {
    const value = point[metric];
    return typeof value === 'number' ? [{ ts: point.ts, value }] : [];
  });
  const step = Math.ceil(all.length / MAX_POINTS);
  const points = step > 1 ? all.filter((_, index) => index % step === 0) : all;
  const normal = 'min' in alert.normal ? alert.normal : { min: alert.normal.mean - 3 * alert.normal.std, max: alert.normal.mean + 3 * alert.normal.std };
  // A one-sided band (engines alert only when hot) has a far-off lower edge: drawn from just below the readings.
  const lowest = Math.min(...points.map((point) => point.value));
  const band = { min: Number.isFinite(lowest) ? Math.max(normal.min, lowest - 5) : normal.min, max: normal.max };
  const spanEnd = alert.state === 'cleared' ? alert.detectedAt : (points.at(-1)?.ts ?? alert.detectedAt);
  // A gap in the readings (the vehicle offline, the demo stopped) breaks the line instead of bridging it.
  const gaps = findGaps(points.map((point) => point.ts));
  const data = withBreaks(points, gaps, (ts) => ({ ts, value: null }));
  return (
    <figure className={styles.chart} data-testid="alert-chart" data-gaps={gaps.length} aria-label={`${metricLabel(alert.metric)} of ${view.subject}`}>
      <figcaption className={styles.muted}>
        {metricLabel(alert.metric)} in {metricUnit(alert.metric)} — {describeBand(alert)}; green: normal band, red: the violating span
      </figcaption>
      {history.isError ? (
        <p className={styles.muted}>No recent history for {view.subject} (it may have gone offline, or your role cannot see the fleet).</p>
      ) : points.length === 0 ? (
        <p className={styles.muted}>Loading the history…</p>
      ) : (
        <ResponsiveContainer width="100%" height={220}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#2a3543" />
            <XAxis dataKey="ts" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={formatClock} />
            <YAxis
              unit={` ${metricUnit(alert.metric)}`}
              width={64}
              domain={[(min: number) => Math.floor(Math.min(min, band.min) - 2), (max: number) => Math.ceil(Math.max(max, band.max) + 2)]}
            />
            <Tooltip labelFormatter={(ts) => formatClock(Number(ts))} formatter={(value) => `${String(value)} ${metricUnit(alert.metric)}`} />
            <ReferenceArea y1={band.min} y2={band.max} fill="#3fb950" fillOpacity={0.12} ifOverflow="extendDomain" />
            <ReferenceArea
              x1={Math.max(alert.startedAt, points[0]?.ts ?? alert.startedAt)}
              x2={spanEnd}
              fill="#f85149"
              fillOpacity={0.18}
              ifOverflow="hidden"
            />
            <Line type="monotone" dataKey="value" name={metricLabel(alert.metric)} stroke="#58a6ff" dot={false} isAnimationActive={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
