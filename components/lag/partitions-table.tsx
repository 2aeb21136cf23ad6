import { formatAge, formatNumber } from '@/lib/format';
import type { PartitionLag } from '@/lib/lag/api';

import { LagSeconds } from './lag-seconds';
import styles from './lag.module.css';
import { StatusBadge } from './status-badge';

function rate(value: number | null): string {
  return value === null ? '—' : `${formatNumber(value, value < 10 ? 1 : 0)}/s`;
}

export function PartitionsTable({ partitions, now }: { partitions: readonly PartitionLag[]; now: number }) {
  return (
    <table className={styles.table} aria-label="Partitions">
      <thead>
        <tr>
          <th>Topic</th>
          <th className={styles.num}>Partition</th>
          <th>Status</th>
          <th className={styles.num}>Committed</th>
          <th className={styles.num}>End</th>
          <th className={styles.num}>Earliest</th>
          <th className={styles.num}>Lag</th>
          <th className={styles.num}>Lag (time)</th>
          <th className={styles.num}>Consume</th>
          <th className={styles.num}>Produce</th>
          <th>Owner</th>
          <th className={styles.num}>Last commit</th>
        </tr>
      </thead>
      <tbody>
        {partitions.map((p) => (
          <tr key={`${p.topic}-${p.partition}`} data-testid="partition-row" data-partition={`${p.topic}-${p.partition}`}>
            <td>{p.topic}</td>
            <td className={styles.num}>{p.partition}</td>
            <td className={styles.wrap}>
              <StatusBadge status={p.status} reason={p.statusReason} />
            </td>
            <td className={styles.num}>{p.committed === null ? <span className={styles.muted}>no commit</span> : formatNumber(p.committed)}</td>
            <td className={styles.num}>{formatNumber(p.end)}</td>
            <td className={styles.num}>{formatNumber(p.earliest)}</td>
            <td className={styles.num}>{p.lag === null ? '—' : formatNumber(p.lag)}</td>
            <td className={styles.num}>
              <LagSeconds seconds={p.lagSeconds} method={p.lagMethod} />
            </td>
            <td className={styles.num}>{rate(p.consumeRate)}</td>
            <td className={styles.num}>{rate(p.produceRate)}</td>
            <td>{p.owner ?? <span className={styles.muted}>nobody</span>}</td>
            <td className={styles.num}>{p.lastCommitAt === null ? <span className={styles.muted}>not seen</span> : formatAge(now - p.lastCommitAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
