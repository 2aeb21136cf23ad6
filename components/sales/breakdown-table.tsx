import type { SalesBreakdown } from '@/lib/api/sales';
import { formatMoney, formatNumber } from '@/lib/format';

const ROWS = 8;

/** Revenue, orders and units of the range by one dimension (city, state, genre), biggest first. */
export function BreakdownTable({ title, dimension, rows, currency }: { title: string; dimension: string; rows: readonly SalesBreakdown[]; currency: string }) {
  const total = rows.reduce((sum, row) => sum + row.revenue, 0);
  return (
    <section className="panel">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p className="muted">No sales in this range.</p>
      ) : (
        <table className="data-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{dimension}</th>
              <th scope="col" className="num">
                Revenue
              </th>
              <th scope="col" className="num">
                Share
              </th>
              <th scope="col" className="num">
                Orders
              </th>
              <th scope="col" className="num">
                Units
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.slice(0, ROWS).map((row) => (
              <tr key={row.key}>
                <td>{row.key}</td>
                <td className="num">{formatMoney(row.revenue, currency)}</td>
                <td className="num">{total > 0 ? `${formatNumber((row.revenue / total) * 100, 1)} %` : '–'}</td>
                <td className="num">{formatNumber(row.orders)}</td>
                <td className="num">{formatNumber(row.units)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
