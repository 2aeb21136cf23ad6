'use client';

import { useState } from 'react';

import { useSalesPerMinute } from '@/lib/client/queries/sales';
import { useConnectionState } from '@/lib/client/use-fleet';
import { useSalesFeed } from '@/lib/client/use-sales-feed';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { BreakdownTable } from './breakdown-table';
import { RangePicker } from './range-picker';
import { RevenueChart } from './revenue-chart';
import { SalesKpis } from './sales-kpis';
import { TopBookstores } from './top-bookstores';

export function SalesView() {
  const [minutes, setMinutes] = useState(60);
  useSalesFeed();
  const connection = useConnectionState();
  const query = useSalesPerMinute(minutes);
  const summary = query.data;
  return (
    <section className="view" aria-labelledby="sales-title">
      <div className="view-header">
        <h1 id="sales-title">Sales per minute</h1>
        <ConnectionBadge state={connection} />
        <RangePicker minutes={minutes} onChange={setMinutes} />
      </div>
      <ConnectionLostBanner state={connection} hasData={summary !== undefined} />
      {query.isError && !summary ? (
        <p className="banner banner-warning" role="alert">
          Could not load sales: {query.error.message}. Retrying on the next reconnect or range change.
        </p>
      ) : !summary ? (
        <LoadingPlaceholder what="sales" rows={4} />
      ) : summary.perMinute.length === 0 ? (
        <p className="empty">
          No sales in this range yet. Is the simulator, or your MSK Data Generator, writing to `purchase`, and the `sales` processor running?
        </p>
      ) : (
        <>
          <SalesKpis summary={summary} />
          <RevenueChart summary={summary} />
          <div className="sales-grid">
            <TopBookstores summary={summary} />
            <BreakdownTable title="By city" dimension="City" rows={summary.byCity} currency={summary.currency} />
            <BreakdownTable title="By state" dimension="State" rows={summary.byState} currency={summary.currency} />
            <BreakdownTable title="By genre" dimension="Genre" rows={summary.byGenre} currency={summary.currency} />
          </div>
        </>
      )}
    </section>
  );
}
