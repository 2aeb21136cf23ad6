'use client';

import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useCallback, useMemo, useState } from 'react';

import { useConnectionState, useFleet, useFleetFeed } from '@/lib/client/use-fleet';
import { useReplay } from '@/lib/client/use-replay';
import { useVehicleSeries } from '@/lib/client/use-vehicle';
import { fleetKpis } from '@/lib/fleet/kpis';
import type { ListQuery, SortColumn } from '@/lib/fleet/list-query';
import { DEFAULT_LIST_QUERY } from '@/lib/fleet/list-query';
import { readFilters, setOrDelete, writeFilters } from '@/lib/fleet/url-view';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { CriticalToast } from './critical-toast';
import { DataFreshness } from './data-freshness';
import { FleetKpis } from './fleet-kpis';
import { FleetMap } from './fleet-map';
import { ListControls } from './list-controls';
import { ReplayTimeline } from './time/replay-timeline';
import { TimeControl } from './time/time-control';
import { VehicleDetail } from './vehicle-detail';
import { VehicleList } from './vehicle-list';

/** The Fleet page: KPIs, live map and list sharing one selection, and the selected vehicle's detail (`?vehicle=<id>`). */
export function FleetView({ styleUrl, retentionMs }: { styleUrl?: string; retentionMs: number }) {
  const liveFleet = useFleet();
  const liveStore = useFleetFeed();
  // Time travel (`?at=`): map, list and KPIs read the past fleet's own store; the live feed keeps flowing for "back to live".
  const replay = useReplay();
  const past = replay.at !== null;
  const fleet = past ? replay.view : liveFleet;
  const store = past ? replay.store : liveStore;
  // A past moment whose scene could not be read: nothing is coming, so nothing may look like it is loading.
  const momentUnreadable = past && !fleet.loaded && replay.error !== null;
  const connection = useConnectionState();
  const { query, setQuery } = useUrlQuery();
  const { selectedId, select } = useSelectedVehicle();
  const [following, setFollowing] = useUrlFlag('follow');
  const kpis = useMemo(() => fleetKpis(fleet.vehicles.values()), [fleet.vehicles]);
  // One subscription to `vehicle:<id>` feeds both the map's trail and the detail's charts.
  const liveTrail = useVehicleSeries(selectedId);
  const trail = past ? NO_TRAIL : liveTrail;
  const selected = selectedId ? fleet.vehicles.get(selectedId) : undefined;
  const onSort = useCallback(
    (column: SortColumn) =>
      setQuery((current) => ({ ...current, sort: { column, descending: current.sort.column === column ? !current.sort.descending : false } })),
    [setQuery],
  );

  return (
    <section className="view fleet-view" aria-labelledby="fleet-title">
      <div className="view-header">
        <h1 id="fleet-title">Fleet</h1>
        <ConnectionBadge state={connection} />
        <DataFreshness newestFixAt={fleet.newestFixAt} />
      </div>
      <ConnectionLostBanner state={connection} hasData={fleet.loaded} />
      <TimeControl replay={replay} retentionMs={retentionMs} />
      <CriticalToast onOpenVehicle={select} />
      <FleetKpis kpis={kpis} consumerLagMs={fleet.consumerLagMs} loaded={fleet.loaded} unavailable={momentUnreadable} />
      <div className={`fleet-layout${selected ? ' fleet-layout-detail' : ''}`}>
        <FleetMap
          store={store}
          selectedId={selectedId}
          trail={trail}
          styleUrl={styleUrl}
          query={query}
          following={following}
          onFollowChange={setFollowing}
          onSelect={select}
        />
        <div className="fleet-list-pane">
          <ListControls query={query} onChange={(next) => setQuery(() => next)} />
          {momentUnreadable ? (
            <p className="empty">The fleet at this moment could not be read. Pick the moment again once the server answers.</p>
          ) : !fleet.loaded ? (
            <LoadingPlaceholder what="the fleet" rows={8} />
          ) : fleet.vehicles.size === 0 && past ? (
            <p className="empty">No vehicle had reported by this moment: no fleet snapshot covers it and no fix was written shortly before it.</p>
          ) : fleet.vehicles.size === 0 ? (
            <p className="empty">No vehicles have reported in the last {15} minutes. Is the simulator or your producer running?</p>
          ) : (
            <VehicleList vehicles={fleet.vehicles} query={query} selectedId={selectedId} onSort={onSort} onSelect={select} />
          )}
        </div>
        {selected && <VehicleDetail vehicle={selected} points={trail} onClose={() => select(null)} />}
        {selectedId && !selected && fleet.loaded && (
          <p className="empty vehicle-detail" role="status">
            Vehicle {selectedId} has not reported in the last 15 minutes.
          </p>
        )}
      </div>
      {past && <ReplayTimeline at={replay.at ?? 0} retentionMs={retentionMs} onSeek={replay.seek} />}
    </section>
  );
}

/** A past moment has no live trail: the detail's charts show the live history only. */
const NO_TRAIL: readonly never[] = [];

/** The selection lives in the URL (`/fleet?vehicle=<id>`), so a link opens a vehicle directly. */
function useSelectedVehicle(): { selectedId: string | null; select: (vehicleId: string | null) => void } {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const selectedId = params.get('vehicle');
  const select = useCallback(
    (vehicleId: string | null) => {
      const next = new URLSearchParams(params.toString());
      if (vehicleId) next.set('vehicle', vehicleId);
      else next.delete('vehicle');
      const search = next.toString();
      router.replace(search ? `${pathname}?${search}` : pathname, { scroll: false });
    },
    [params, router, pathname],
  );
  return { selectedId, select };
}

/**
 * The list's filters live in the URL (`q`, `fleet`, `status`, `alerts`), so a shared link shows
 * the same vehicles; written with `history.replaceState`, which Next.js follows without a reload.
 */
function useUrlQuery(): { query: ListQuery; setQuery: (update: (current: ListQuery) => ListQuery) => void } {
  const params = useSearchParams();
  const [query, setState] = useState<ListQuery>(() => ({ ...DEFAULT_LIST_QUERY, ...readFilters(params) }));
  const setQuery = useCallback((update: (current: ListQuery) => ListQuery) => {
    setState((current) => {
      const next = update(current);
      const search = new URLSearchParams(window.location.search);
      writeFilters(search, next);
      window.history.replaceState(null, '', `?${search.toString()}`);
      return next;
    });
  }, []);
  return { query, setQuery };
}

/** A yes/no setting of the page kept in the URL as `<name>=1`. */
function useUrlFlag(name: string): [boolean, (on: boolean) => void] {
  const params = useSearchParams();
  const on = params.get(name) === '1';
  const set = useCallback(
    (value: boolean) => {
      const search = new URLSearchParams(window.location.search);
      setOrDelete(search, name, value ? '1' : undefined);
      window.history.replaceState(null, '', `?${search.toString()}`);
    },
    [name],
  );
  return [on, set];
}
