'use client';

import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import { normalBand } from '@/lib/fleet/normal-band';
import { formatClock, formatNumber } from '@/lib/format';
import type { VehiclePoint } from '@/lib/realtime/events';

type MetricKey = 'speedKmh' | 'engineTempC' | 'containerTempC' | 'fuelPct';

/** One live metric over 15 minutes, with the vehicle's normal band shaded (not for speed, which has no "normal"). */
export function MetricChart({ label, unit, points, metric }: { label: string; unit: string; points: readonly VehiclePoint[]; metric: MetricKey }) {
  const data = useMemo(
    () => points.filter((point) => point[metric] !== undefined).map((point) => ({ ts: point.ts, value: point[metric] as number })),
    [points, metric],
  );
  const band = useMemo(() => (metric === 'speedKmh' ? null : normalBand(data.map((point) => point.value))), [data, metric]);
  const last = data.at(-1);
  return (
    <figure className="metric-chart" aria-label={`${label} chart`} data-last-ts={last?.ts ?? ''}>
      <figcaption>
        {label} <strong>{last ? `${formatNumber(last.value, metric === 'speedKmh' || metric === 'fuelPct' ? 0 : 1)} ${unit}` : '—'}</strong>
        {band && (
          <span className="band-label">
            {' '}
            normal {formatNumber(band.low, 1)}–{formatNumber(band.high, 1)} {unit}
          </span>
        )}
      </figcaption>
      <ResponsiveContainer width="100%" height={110}>
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid stroke="#2a3543" strokeDasharray="3 3" />
          <XAxis dataKey="ts" type="number" domain={['dataMin', 'dataMax']} tickFormatter={formatClock} stroke="#8b98a8" fontSize={10} minTickGap={40} />
          <YAxis stroke="#8b98a8" fontSize={10} domain={['auto', 'auto']} />
          {band && <ReferenceArea y1={band.low} y2={band.high} fill="#3fb950" fillOpacity={0.08} stroke="none" ifOverflow="extendDomain" />}
          <Tooltip
            labelFormatter={(ts) => formatClock(Number(ts))}
            formatter={(value) => [`${formatNumber(Number(value), 1)} ${unit}`, label]}
            contentStyle={{ background: '#161d26', border: '1px solid #2a3543' }}
          />
          <Line type="linear" dataKey="value" stroke="#58a6ff" dot={false} isAnimationActive={false} strokeWidth={1.5} />
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
