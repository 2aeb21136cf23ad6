import type { SalesResponse } from '@/lib/api/sales';
import { formatMoney, formatNumber } from '@/lib/format';
import { topBookstores } from '@/lib/sales/summary';

import { Sparkline } from './sparkline';

const TOP = 10;

/** The best-selling bookstores of the range, each with its revenue per minute as a sparkline. */
export function TopBookstores({ summary }: { summary: SalesResponse }) {
  const stores = topBookstores(summary, TOP);
  return (
    <section className="panel top-bookstores">
      <h2>Top bookstores</h2>
      <table className="data-table" aria-label="Top bookstores">
        <thead>
          <tr>
            <th scope="col">Bookstore</th>
            <th scope="col">City, state</th>
            <th scope="col" className="num">
              Newest minute
            </th>
            <th scope="col" className="num">
              Range revenue
            </th>
            <th scope="col" className="num">
              Orders
            </th>
            <th scope="col">Per minute</th>
          </tr>
        </thead>
        <tbody>
          {stores.map((store) => (
            <tr key={store.bookstoreId} data-bookstore-id={store.bookstoreId}>
              <td>{store.name}</td>
              <td>
                {store.city}, {store.state}
              </td>
              <td className="num">{formatMoney(store.latestRevenue, summary.currency)}</td>
              <td className="num">{formatMoney(store.revenue, summary.currency)}</td>
              <td className="num">{formatNumber(store.orders)}</td>
              <td>
                <Sparkline values={store.series} label={`${store.name}: revenue per minute`} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
