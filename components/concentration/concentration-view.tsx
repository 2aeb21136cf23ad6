'use client';

import { useState } from 'react';

import { useZonesOccupancy } from '@/lib/client/queries/zones';
import { useConnectionState } from '@/lib/client/use-fleet';
import { useZonesFeed } from '@/lib/client/use-zones-feed';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { CampusPlan } from './campus-plan';
import styles from './concentration.module.css';
import { GuardHelper } from './guard-helper';
import { RankedZones } from './ranked-zones';
import { WindowReport } from './window-report';
import { ZoneTrend } from './zone-trend';

export function ConcentrationView() {
  useZonesFeed();
  const { data, error, isPending } = useZonesOccupancy();
  const connection = useConnectionState();
  const [picked, setPicked] = useState<string | undefined>();
  // Until someone picks a zone, the trend follows the most concentrated one.
  const selected = data?.zones.find((zone) => zone.zoneId === picked) ?? data?.zones[0];
  return (
    <section className="view" aria-labelledby="concentration-title">
      <div className="view-header">
        <h1 id="concentration-title">Concentration</h1>
        <ConnectionBadge state={connection} />
      </div>
      <ConnectionLostBanner state={connection} hasData={data !== undefined} />
      {isPending ? (
        <LoadingPlaceholder what="the campus" rows={4} />
      ) : error ? (
        <p className="banner banner-warning" role="alert">
          Could not load the campus: {error.message}
        </p>
      ) : data.zones.length === 0 ? (
        <p className="empty">No zones known yet. Is the simulator or your badge-sensor feed writing campus.zones?</p>
      ) : (
        <div className={styles.layout}>
          <div>
            <CampusPlan zones={data.zones} selected={selected?.zoneId} onSelect={setPicked} />
            <ZoneTrend zone={selected} />
          </div>
          <div>
            <RankedZones zones={data.zones} limit={5} onSelect={setPicked} />
            <GuardHelper zones={data.zones} />
            <WindowReport data={data} />
          </div>
        </div>
      )}
    </section>
  );
}
