'use client';

import { Bar, Cell, CartesianGrid, ComposedChart, Line, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

import type { SalesResponse } from '@/lib/api/sales';
import { formatMinute, formatMoney } from '@/lib/format';
import type { MinuteSlot } from '@/lib/sales/summary';
import { gapRuns, minuteSlots } from '@/lib/sales/summary';

interface Point {
  windowStart: string;
  /** Null in a gap: nothing to draw, not a zero. */
  revenue: number | null;
  orders: number | null;
  units: number | null;
  open: boolean;
}

/** One chart point per minute slot; a gap's values are null so recharts draws no bar and breaks the lines there. */
export function chartPoints(slots: readonly MinuteSlot[]): Point[] {
  return slots.map((slot) =>
    slot.kind === 'gap'
      ? { windowStart: slot.windowStart, revenue: null, orders: null, units: null, open: false }
      : { windowStart: slot.windowStart, revenue: slot.minute.revenue, orders: slot.minute.orders, units: slot.minute.units, open: slot.kind === 'open' },
  );
}

const BAR = '#58a6ff';
const GAP = '#8b98a8';
const ORDERS = '#d29922';
const UNITS = '#3fb950';
const AXIS = '#8b98a8';

const LEGEND: { label: string; mark: 'bar' | 'line'; colour: string; dashed?: boolean }[] = [
  { label: 'Revenue, closed minute (left axis)', mark: 'bar', colour: BAR },
  { label: 'Open minute: partial, still counting', mark: 'bar', colour: BAR, dashed: true },
  { label: 'No data: gap, not zero sales', mark: 'bar', colour: GAP, dashed: true },
  { label: 'Orders (right axis)', mark: 'line', colour: ORDERS },
  { label: 'Units (right axis)', mark: 'line', colour: UNITS },
];

function ChartLegend() {
  return (
    <ul className="chart-legend" aria-label="Legend">
      {LEGEND.map((item) => (
        <li key={item.label}>
          <span
            className={`legend-mark legend-${item.mark}`}
            style={{
              borderColor: item.colour,
              background: item.mark === 'bar' && !item.dashed ? item.colour : undefined,
              borderStyle: item.dashed ? 'dashed' : 'solid',
            }}
            aria-hidden
          />
          {item.label}
        </li>
      ))}
    </ul>
  );
}

/** Revenue per minute as bars (the open minute lighter and dashed, labelled partial), orders and units as lines, gaps shaded and named. */
export function RevenueChart({ summary }: { summary: SalesResponse }) {
  const slots = minuteSlots(summary);
  const data = chartPoints(slots);
  const gaps = gapRuns(slots);
  // Up to two minutes can be open at once: the newest, and the one before it while late purchases may still arrive.
  const open = slots.filter((slot) => slot.kind === 'open');
  const latest = summary.perMinute.at(-1);
  const first = summary.perMinute[0];
  const money = (value: number) => formatMoney(value, summary.currency);
  return (
    <figure
      className="panel revenue-chart"
      data-testid="revenue-chart"
      data-first-minute={first?.windowStart ?? ''}
      data-first-revenue={first?.revenue ?? ''}
      data-latest-minute={latest?.windowStart ?? ''}
      data-latest-revenue={latest?.revenue ?? ''}
      data-latest-final={latest ? String(latest.final) : ''}
      data-gap-minutes={gaps.reduce((sum, run) => sum + run.minutes, 0)}
    >
      <figcaption>Revenue per minute ({summary.currency}), with orders and units</figcaption>
      <ChartLegend />
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart data={data} margin={{ top: 18, right: 8, bottom: 18, left: 8 }}>
          <CartesianGrid stroke="#2a3543" vertical={false} />
          <XAxis
            dataKey="windowStart"
            stroke={AXIS}
            minTickGap={24}
            tickFormatter={(iso: string) => formatMinute(iso)}
            label={{ value: 'Minute (local time)', position: 'insideBottom', offset: -12, fill: AXIS }}
          />
          <YAxis
            yAxisId="revenue"
            stroke={AXIS}
            tickFormatter={(value: number) => formatMoney(value, summary.currency, true)}
            width={72}
            label={{ value: `Revenue (${summary.currency})`, angle: -90, position: 'insideLeft', fill: AXIS, style: { textAnchor: 'middle' } }}
          />
          <YAxis
            yAxisId="count"
            orientation="right"
            stroke={AXIS}
            allowDecimals={false}
            width={56}
            label={{ value: 'Orders, units', angle: 90, position: 'insideRight', fill: AXIS, style: { textAnchor: 'middle' } }}
          />
          <Tooltip
            contentStyle={{ background: '#161d26', border: '1px solid #2a3543' }}
            labelFormatter={(iso) => {
              const point = data.find((p) => p.windowStart === iso);
              return `${formatMinute(String(iso))}${point?.open ? ' (open minute, partial)' : point?.revenue === null ? ' (no data)' : ''}`;
            }}
            formatter={(value, name) => [name === 'Revenue' ? money(Number(value)) : String(value), String(name)]}
          />
          {gaps.map((run) => (
            <ReferenceArea
              key={run.from}
              yAxisId="revenue"
              x1={run.from}
              x2={run.to}
              fill={GAP}
              fillOpacity={0.18}
              stroke={GAP}
              strokeDasharray="2 3"
              label={{ value: run.minutes > 1 ? `no data · ${run.minutes} min` : 'no data', position: 'insideTop', fill: AXIS, fontSize: 11 }}
            />
          ))}
          {open.map((slot) => (
            <ReferenceArea
              key={slot.windowStart}
              yAxisId="revenue"
              x1={slot.windowStart}
              x2={slot.windowStart}
              fillOpacity={0}
              label={{ value: 'partial', position: 'top', fill: BAR, fontSize: 11 }}
            />
          ))}
          <Bar yAxisId="revenue" dataKey="revenue" name="Revenue" isAnimationActive={false}>
            {data.map((point) => (
              <Cell
                key={point.windowStart}
                fill={BAR}
                fillOpacity={point.open ? 0.35 : 0.9}
                stroke={point.open ? BAR : 'none'}
                strokeDasharray={point.open ? '4 3' : undefined}
              />
            ))}
          </Bar>
          <Line yAxisId="count" dataKey="orders" name="Orders" stroke={ORDERS} dot={false} isAnimationActive={false} />
          <Line yAxisId="count" dataKey="units" name="Units" stroke={UNITS} dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
      {gaps.length > 0 && (
        <p className="muted chart-note" data-testid="sales-gaps">
          No data for {gaps.map((run) => (run.minutes > 1 ? `${formatMinute(run.from)}–${formatMinute(run.to)}` : formatMinute(run.from))).join(', ')}: nothing
          reached the dashboard (the sales pipeline was down or behind), so these minutes are gaps, not zero sales.
        </p>
      )}
    </figure>
  );
}
