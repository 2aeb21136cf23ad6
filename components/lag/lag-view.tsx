'use client';

import { useMemo, useState } from 'react';

import { useLagSummaries } from '@/lib/client/queries/lag';
import { useConnectionState, useNow } from '@/lib/client/use-fleet';
import { useLagFeed } from '@/lib/client/use-lag-feed';
import { LAG_STATUSES } from '@/lib/lag/api';
import type { GroupFilter, GroupSort, GroupSortKey } from '@/lib/lag/table';
import { DEFAULT_GROUP_FILTER, STATUS_LABELS, filterGroups, sortGroups } from '@/lib/lag/table';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { GroupsTable } from './groups-table';
import { LagMethodNote } from './lag-seconds';
import styles from './lag.module.css';

export function LagView() {
  useLagFeed();
  const { data, error, isPending } = useLagSummaries();
  const connection = useConnectionState();
  const now = useNow();
  const [sort, setSort] = useState<GroupSort>({ key: 'status', descending: true });
  const [filter, setFilter] = useState<GroupFilter>(DEFAULT_GROUP_FILTER);
  const shown = useMemo(() => sortGroups(filterGroups(data?.groups ?? [], filter), sort), [data, filter, sort]);
  const onSort = (key: GroupSortKey) => setSort((current) => ({ key, descending: current.key === key ? !current.descending : key !== 'groupId' }));
  return (
    <section className="view" aria-labelledby="lag-title">
      <div className="view-header">
        <h1 id="lag-title">Consumer lag</h1>
        <ConnectionBadge state={connection} />
        {data?.polledAt && (
          <span className={styles.muted} data-testid="last-poll">
            polled {Math.max(0, Math.round((now - data.polledAt) / 1000))} s ago in {Math.round(data.pollMs ?? 0)} ms, every {data.pollIntervalMs / 1000} s
          </span>
        )}
      </div>
      <ConnectionLostBanner state={connection} hasData={data !== undefined} />
      {data?.error && (
        <p className="banner banner-warning" role="alert">
          The last poll of the cluster failed: {data.error}
        </p>
      )}
      <div className={styles.toolbar}>
        <input
          type="search"
          placeholder="Filter by group or topic"
          aria-label="Filter by group or topic"
          value={filter.text}
          onChange={(event) => setFilter({ ...filter, text: event.target.value })}
        />
        <label>
          Status
          <select value={filter.status} onChange={(event) => setFilter({ ...filter, status: event.target.value as GroupFilter['status'] })}>
            <option value="all">all</option>
            <option value="unhealthy">not OK</option>
            {LAG_STATUSES.filter((status) => status !== 'idle').map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={filter.showOwn} onChange={(event) => setFilter({ ...filter, showOwn: event.target.checked })} />
          show the dashboard&apos;s own groups (bff.*{data ? `: ${data.groups.filter((group) => group.own).length} hidden` : ''})
        </label>
      </div>
      {isPending ? (
        <LoadingPlaceholder what="consumer groups" rows={4} />
      ) : error ? (
        <p className="banner banner-warning" role="alert">
          Could not load consumer lag: {error.message}
        </p>
      ) : data.polledAt === null ? (
        <p className="empty">The first poll of the cluster has not finished yet.</p>
      ) : shown.length === 0 ? (
        <p className="empty">
          {data.groups.length === 0 ? 'No consumer groups in the cluster (or none the allow and deny lists let through).' : 'No group matches the filter.'}
        </p>
      ) : (
        <>
          <GroupsTable groups={shown} sort={sort} onSort={onSort} now={now} />
          {shown.some((group) => group.maxLagMethod !== null) && <LagMethodNote />}
        </>
      )}
    </section>
  );
}
