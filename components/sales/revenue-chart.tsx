'use client';

import { Bar, Cell, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { SalesResponse } from '@/lib/api/sales';
import { formatMinute, formatMoney, formatNumber } from '@/lib/format';

interface Point {
  label: string;
  revenue: number;
  orders: number;
  units: number;
  final: boolean;
}

const MINUTE_MS = 60_000;
const BAR = '#58a6ff';

/** Every minute between the first and the last with data, so a minute without sales shows as a gap at zero. */
function points(summary: SalesResponse): Point[] {
  const byStart = new Map(summary.perMinute.map((minute) => [Date.parse(minute.windowStart), minute]));
  const first = summary.perMinute[0];
  const last = summary.perMinute.at(-1);
  if (!first || !last) return [];
  const result: Point[] = [];
  for (let t = Date.parse(first.windowStart); t <= Date.parse(last.windowStart); t += MINUTE_MS) {
    const minute = byStart.get(t);
    result.push({ label: formatMinute(t), revenue: minute?.revenue ?? 0, orders: minute?.orders ?? 0, units: minute?.units ?? 0, final: minute?.final ?? true });
  }
  return result;
}

/** Revenue per minute as bars (the open minute lighter and dashed: it is still counting), orders and units as lines. */
export function RevenueChart({ summary }: { summary: SalesResponse }) {
  const data = points(summary);
  const latest = summary.perMinute.at(-1);
  const first = summary.perMinute[0];
  return (
    <figure
      className="panel revenue-chart"
      data-testid="revenue-chart"
      data-first-minute={first?.windowStart ?? ''}
      data-first-revenue={first?.revenue ?? ''}
      data-latest-minute={latest?.windowStart ?? ''}
      data-latest-revenue={latest?.revenue ?? ''}
      data-latest-final={latest ? String(latest.final) : ''}
    >
      <figcaption>Revenue per minute, with orders and units</figcaption>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#2a3543" vertical={false} />
          <XAxis dataKey="label" stroke="#8b98a8" minTickGap={24} />
          <YAxis yAxisId="revenue" stroke="#8b98a8" tickFormatter={(value: number) => formatNumber(value)} width={84} />
          <YAxis yAxisId="count" orientation="right" stroke="#8b98a8" allowDecimals={false} width={40} />
          <Tooltip contentStyle={{ background: '#161d26', border: '1px solid #2a3543' }} formatter={(value, name) => [name === 'revenue' ? formatMoney(Number(value)) : String(value), String(name)]} />
          <Bar yAxisId="revenue" dataKey="revenue" isAnimationActive={false}>
            {data.map((point, index) => (
              <Cell key={index} fill={BAR} fillOpacity={point.final ? 0.9 : 0.35} stroke={point.final ? 'none' : BAR} strokeDasharray={point.final ? undefined : '4 3'} />
            ))}
          </Bar>
          <Line yAxisId="count" dataKey="orders" stroke="#d29922" dot={false} isAnimationActive={false} />
          <Line yAxisId="count" dataKey="units" stroke="#3fb950" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </figure>
  );
}
