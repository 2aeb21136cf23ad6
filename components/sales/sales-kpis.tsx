import type { SalesResponse } from '@/lib/api/sales';
import { formatMoney, formatNumber } from '@/lib/format';
import { minuteOverMinute } from '@/lib/sales/summary';

/** The newest closed minute and how it compares with the minute before; the open minute so far. */
export function SalesKpis({ summary }: { summary: SalesResponse }) {
  const closed = minuteOverMinute(summary);
  const open = summary.perMinute.at(-1);
  const change = closed?.change;
  return (
    <dl className="kpis sales-kpis">
      <div className="kpi">
        <dt>Revenue, last closed minute</dt>
        <dd data-testid="kpi-revenue">{closed ? formatMoney(closed.minute.revenue, summary.currency) : '–'}</dd>
      </div>
      <div className="kpi">
        <dt>Change vs minute before</dt>
        <dd data-testid="kpi-change" className={change === null || change === undefined ? '' : change >= 0 ? 'up' : 'down'}>
          {change === null || change === undefined ? '–' : `${change >= 0 ? '▲' : '▼'} ${formatNumber(Math.abs(change) * 100, 1)} %`}
        </dd>
      </div>
      <div className="kpi">
        <dt>Orders / units, last closed minute</dt>
        <dd data-testid="kpi-orders">{closed ? `${formatNumber(closed.minute.orders)} / ${formatNumber(closed.minute.units)}` : '–'}</dd>
      </div>
      <div className="kpi">
        <dt>{open && !open.final ? 'Open minute so far (partial)' : 'Newest minute'}</dt>
        <dd data-testid="kpi-open">{open ? formatMoney(open.revenue, summary.currency) : '–'}</dd>
      </div>
    </dl>
  );
}
