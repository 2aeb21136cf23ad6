'use client';

import Link from 'next/link';

import { formatAge, formatNumber } from '@/lib/format';
import type { GroupSummary } from '@/lib/lag/api';
import type { GroupSort, GroupSortKey } from '@/lib/lag/table';

import { Sparkline } from '../sales/sparkline';

import { LagSeconds } from './lag-seconds';
import styles from './lag.module.css';
import { StatusBadge } from './status-badge';

const COLUMNS: { key: GroupSortKey | null; label: string; numeric?: boolean }[] = [
  { key: 'groupId', label: 'Group' },
  { key: 'status', label: 'Status' },
  { key: 'totalLag', label: 'Total lag', numeric: true },
  { key: 'maxLagSeconds', label: 'Max lag (time)', numeric: true },
  { key: 'members', label: 'Members', numeric: true },
  { key: null, label: 'Topics' },
  { key: null, label: 'Trend' },
  { key: 'lastCommitAt', label: 'Last commit', numeric: true },
];

export function GroupsTable({
  groups,
  sort,
  onSort,
  now,
}: {
  groups: readonly GroupSummary[];
  sort: GroupSort;
  onSort: (key: GroupSortKey) => void;
  now: number;
}) {
  return (
    <table className={styles.table} aria-label="Consumer groups">
      <thead>
        <tr>
          {COLUMNS.map((column) => (
            <th
              key={column.label}
              className={column.numeric ? styles.num : undefined}
              aria-sort={column.key && sort.key === column.key ? (sort.descending ? 'descending' : 'ascending') : undefined}
            >
              {column.key ? (
                <button type="button" className={styles.sortButton} onClick={() => column.key && onSort(column.key)}>
                  {column.label}
                  {sort.key === column.key ? (sort.descending ? ' ▼' : ' ▲') : ''}
                </button>
              ) : (
                column.label
              )}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((group) => (
          <tr key={group.groupId} data-group-id={group.groupId}>
            <td>
              <Link href={`/lag/${encodeURIComponent(group.groupId)}`}>{group.groupId}</Link>
              {group.own && (
                <span className={styles.own} title="One of this dashboard's own consumer groups">
                  dashboard
                </span>
              )}
            </td>
            <td className={styles.wrap}>
              <StatusBadge status={group.status} reason={group.statusReason} />
            </td>
            <td className={styles.num}>{formatNumber(group.totalLag)}</td>
            <td className={styles.num}>
              <LagSeconds seconds={group.maxLagSeconds} method={group.maxLagMethod} />
            </td>
            <td className={styles.num}>{group.members}</td>
            <td title={group.topics.join(', ')}>{group.topics.length === 1 ? group.topics[0] : `${group.topics.length} topics`}</td>
            <td>
              <Sparkline values={group.trend} label={`Total lag trend of ${group.groupId}`} width={90} height={20} />
            </td>
            <td className={styles.num}>{group.lastCommitAt === null ? <span className={styles.muted}>not seen</span> : formatAge(now - group.lastCommitAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
