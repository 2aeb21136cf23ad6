'use client';

import { useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { MouseHandlerDataParam } from 'recharts';

import type { TripPoint } from '@/lib/contracts/trip';
import { formatDateTime, formatNumber } from '@/lib/format';
import type { SeriesGap } from '@/lib/series-gaps';
import { withBreaks } from '@/lib/series-gaps';

interface Series {
  key: 'speedKmh' | 'engineTempC' | 'containerTempC';
  label: string;
  colour: string;
}

const CHARTS: { title: string; unit: string; series: Series[] }[] = [
  { title: 'Speed', unit: 'km/h', series: [{ key: 'speedKmh', label: 'Speed', colour: '#58a6ff' }] },
  {
    title: 'Temperatures',
    unit: '°C',
    series: [
      { key: 'engineTempC', label: 'Engine', colour: '#f0883e' },
      { key: 'containerTempC', label: 'Container', colour: '#3fb950' },
    ],
  },
];

/** Inside a gap in the data: null values, so the lines break there instead of crossing it. */
interface GapBreak {
  ts: number;
  speedKmh: null;
  engineTempC: null;
  containerTempC: null;
}

const GAP = '#8b98a8';

interface TripChartsProps {
  points: readonly TripPoint[];
  /** Gaps in the data (lib/series-gaps): each breaks the lines and is shaded. */
  gaps: readonly SeriesGap[];
  /** The time hovered on the route (or a chart): the charts' cursor. */
  cursorTs: number | null;
  onHover: (ts: number | null) => void;
}

/** Speed and temperatures over the trip, on the route's own points: hovering one reports its time, the route's hover shows here as a cursor. */
export function TripCharts({ points, gaps, cursorTs, onHover }: TripChartsProps) {
  const hasContainer = points.some((point) => point.containerTempC !== undefined);
  const data = useMemo(
    () => withBreaks<TripPoint, GapBreak>(points, gaps, (ts) => ({ ts, speedKmh: null, engineTempC: null, containerTempC: null })),
    [points, gaps],
  );
  const onMove = (state: MouseHandlerDataParam) => {
    const index = typeof state.activeTooltipIndex === 'number' ? state.activeTooltipIndex : Number(state.activeTooltipIndex);
    const point = Number.isInteger(index) ? data[index] : undefined;
    onHover(point && point.speedKmh !== null ? point.ts : null);
  };
  return (
    <div className="trip-charts" data-testid="trip-charts" data-cursor-ts={cursorTs ?? ''} data-gaps={gaps.length}>
      {CHARTS.map((chart) => (
        <figure key={chart.title} className="metric-chart" aria-label={`${chart.title} chart`}>
          <figcaption>
            {chart.title} ({chart.unit})
          </figcaption>
          <ResponsiveContainer width="100%" height={150}>
            <LineChart data={data} syncId="trip" margin={{ top: 4, right: 8, bottom: 0, left: -16 }} onMouseMove={onMove} onMouseLeave={() => onHover(null)}>
              <CartesianGrid stroke="#2a3543" strokeDasharray="3 3" />
              <XAxis dataKey="ts" type="number" domain={['dataMin', 'dataMax']} tickFormatter={formatDateTime} stroke="#8b98a8" fontSize={10} minTickGap={60} />
              <YAxis stroke="#8b98a8" fontSize={10} domain={['auto', 'auto']} />
              <Tooltip
                labelFormatter={(ts) => formatDateTime(Number(ts))}
                formatter={(value, name) => [`${formatNumber(Number(value), 1)} ${chart.unit}`, name]}
                contentStyle={{ background: '#161d26', border: '1px solid #2a3543' }}
              />
              {gaps.map((gap) => (
                <ReferenceArea key={gap.from} x1={gap.from} x2={gap.to} fill={GAP} fillOpacity={0.18} stroke={GAP} strokeDasharray="2 3" />
              ))}
              {cursorTs !== null && <ReferenceLine x={cursorTs} stroke="#f0f6fc" strokeDasharray="4 2" />}
              {chart.series
                .filter((series) => series.key !== 'containerTempC' || hasContainer)
                .map((series) => (
                  <Line
                    key={series.key}
                    type="linear"
                    dataKey={series.key}
                    name={series.label}
                    stroke={series.colour}
                    dot={false}
                    isAnimationActive={false}
                    strokeWidth={1.5}
                  />
                ))}
              {chart.series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
            </LineChart>
          </ResponsiveContainer>
        </figure>
      ))}
    </div>
  );
}
