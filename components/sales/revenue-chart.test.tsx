// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import type { SalesPerMinute } from '@/lib/contracts/sales';
import { formatMinute } from '@/lib/format';
import { minuteSlots, summariseSales } from '@/lib/sales/summary';

import { RevenueChart, chartPoints } from './revenue-chart';

const T0 = Date.UTC(2026, 10, 22, 14, 0, 0);
// 10 s into minute 4: minutes 1 and 2 had no row at all (the sales pipeline was down), minute 3 is closed, 4 still counting.
const NOW = T0 + 4 * 60_000 + 10_000;

function row(minute: number, revenue: number, final = true): SalesPerMinute {
  return {
    windowStart: new Date(T0 + minute * 60_000).toISOString(),
    windowEnd: new Date(T0 + (minute + 1) * 60_000).toISOString(),
    bookstoreId: 'a',
    name: 'a Books',
    city: 'Springfield',
    state: 'Oregon',
    orders: 1,
    units: 2,
    revenue,
    final,
    genres: [{ genre: 'Fantasy', orders: 1, units: 2, revenue }],
  };
}

const SUMMARY = { ...summariseSales([row(0, 5), row(3, 7), row(4, 2, false)], 60, NOW), currency: 'USD' };

afterEach(cleanup);

describe('revenue chart gaps (issue 18 item 9)', () => {
  it('draws minutes without data as empty points, never as zero sales', () => {
    expect(chartPoints(minuteSlots(SUMMARY)).map((point) => [point.revenue, point.orders, point.open])).toEqual([
      [5, 1, false],
      [null, null, false],
      [null, null, false],
      [7, 1, false],
      [2, 1, true],
    ]);
  });

  it('names the gap under the chart and counts its minutes', () => {
    render(<RevenueChart summary={SUMMARY} />);
    const from = formatMinute(T0 + 60_000);
    const to = formatMinute(T0 + 2 * 60_000);
    expect(screen.getByTestId('sales-gaps').textContent).toContain(`No data for ${from}–${to}`);
    expect(screen.getByTestId('sales-gaps').textContent).toContain('gaps, not zero sales');
    expect(screen.getByTestId('revenue-chart').dataset.gapMinutes).toBe('2');
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain('No data: gap, not zero sales');
  });
});
