'use client';

import Link from 'next/link';

import { GroupNotFoundError, useLagGroup } from '@/lib/client/queries/lag';
import { useConnectionState, useNow } from '@/lib/client/use-fleet';
import { useLagFeed } from '@/lib/client/use-lag-feed';
import { formatNumber } from '@/lib/format';
import { formatLagSeconds } from '@/lib/lag/table';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { LagMethodNote, LagSeconds } from './lag-seconds';
import { LagTrend } from './lag-trend';
import styles from './lag.module.css';
import { MembersList } from './members-list';
import { PartitionsTable } from './partitions-table';
import { StatusBadge } from './status-badge';

export function GroupView({ groupId }: { groupId: string }) {
  useLagFeed();
  const { data, error, isPending } = useLagGroup(groupId);
  const connection = useConnectionState();
  const now = useNow();
  return (
    <section className="view" aria-labelledby="group-title">
      <Link href="/lag" className={styles.back}>
        ← all consumer groups
      </Link>
      <div className="view-header">
        <h1 id="group-title">{groupId}</h1>
        {data && <StatusBadge status={data.status} reason={data.statusReason} />}
        <Link href={`/alerts?group=${encodeURIComponent(groupId)}`} className={styles.alertsLink} data-testid="group-alerts-link">
          alerts of this group
        </Link>
        <ConnectionBadge state={connection} />
      </div>
      <ConnectionLostBanner state={connection} hasData={data !== undefined} />
      {isPending ? (
        <LoadingPlaceholder what="the group" rows={3} />
      ) : error ? (
        <p className={error instanceof GroupNotFoundError ? 'empty' : 'banner banner-warning'} role="alert">
          {error instanceof GroupNotFoundError
            ? `${error.message} It may have gone, or the first poll has not seen it yet.`
            : `Could not load the group: ${error.message}`}
        </p>
      ) : (
        <>
          <dl className="kpis">
            <div className="kpi">
              <dt>Total lag</dt>
              <dd data-testid="group-total-lag">{formatNumber(data.totalLag)}</dd>
            </div>
            <div className="kpi">
              <dt>Max lag (time)</dt>
              <dd>
                <LagSeconds seconds={data.maxLagSeconds} method={data.maxLagMethod} />
              </dd>
            </div>
            <div className="kpi">
              {/* The unit in the label: "10.0 / 10.0 per s" wrapped in its box at 1280 px. */}
              <dt>Consume / produce per s</dt>
              <dd>
                {data.consumeRate === null ? '—' : formatNumber(data.consumeRate, 1)} / {data.produceRate === null ? '—' : formatNumber(data.produceRate, 1)}
              </dd>
            </div>
            <div className="kpi">
              <dt>Time to catch up</dt>
              <dd>{data.totalLag === 0 ? 'caught up' : data.catchUpSeconds === null ? 'not at this rate' : formatLagSeconds(data.catchUpSeconds)}</dd>
            </div>
            <div className="kpi">
              <dt>Members · state</dt>
              <dd>
                {data.members} · {data.state}
              </dd>
            </div>
          </dl>
          {data.own && (
            <p className={styles.muted}>One of this dashboard&apos;s own consumer groups: it never commits, so its partitions show &quot;no commit&quot;.</p>
          )}
          <section className={styles.panel} aria-labelledby="partitions-title">
            <h2 id="partitions-title">Partitions</h2>
            {data.partitionLags.length === 0 ? (
              <p className={styles.muted}>No partitions: the group has neither commits nor assignments.</p>
            ) : (
              <PartitionsTable partitions={data.partitionLags} now={now} />
            )}
            {data.partitionLags.some((p) => p.lagMethod !== null) && <LagMethodNote />}
          </section>
          <LagTrend history={data.history} />
          <MembersList members={data.memberList} />
        </>
      )}
    </section>
  );
}
