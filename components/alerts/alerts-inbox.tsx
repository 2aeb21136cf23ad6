'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';

import { groupAlerts } from '@/lib/alerts/grouping';
import type { ActionRequest, AlertsFilter, AlertView } from '@/lib/api/alerts';
import { matchesFilter } from '@/lib/api/alerts';
import { useAlertAction, useAlerts } from '@/lib/client/queries/alerts';
import { useAlertsFeed } from '@/lib/client/use-alerts-feed';
import { useConnectionState } from '@/lib/client/use-fleet';

import { ConnectionBadge, ConnectionLostBanner } from '../ui/connection-badge';
import { LoadingPlaceholder } from '../ui/loading-placeholder';

import { AlertActions } from './alert-actions';
import { AlertDetail } from './alert-detail';
import { AlertFilters, DEFAULT_STATUSES } from './alert-filters';
import { AlertList } from './alert-list';
import styles from './alerts.module.css';
import { ArrivalCue } from './arrival-cue';
import { SilencesPanel } from './silences-panel';
import { TeamTimes } from './team-times';
import { useInboxKeys } from './use-inbox-keys';

const FRESH_MS = 10_000;

/** The shared inbox: live alerts of the user's teams, filtered, grouped, acted on one by one or in bulk. */
export function AlertsInbox() {
  useAlertsFeed();
  const { data, error, isPending } = useAlerts();
  const connection = useConnectionState();
  const act = useAlertAction();
  const [filter, setFilter] = useState<AlertsFilter>({ status: DEFAULT_STATUSES });
  const [selectedKey, setSelectedKey] = useState<string | undefined>();
  const [checked, setChecked] = useState<Set<string>>(new Set());
  const [freshIds, setFreshIds] = useState<Set<string>>(new Set());
  const searchRef = useRef<HTMLInputElement>(null);

  // A link like /alerts?vehicle=cab-0001 (from the vehicle detail) opens the inbox filtered.
  useEffect(() => {
    const vehicle = new URLSearchParams(window.location.search).get('vehicle');
    if (vehicle) setFilter((current) => ({ ...current, vehicle, status: undefined }));
  }, []);

  const groups = useMemo(() => groupAlerts((data?.alerts ?? []).filter((view) => matchesFilter(view, filter))), [data, filter]);
  const selected = groups.find((group) => group.key === selectedKey) ?? groups[0];
  const teams = useMemo(() => (data?.teams ?? []).map((row) => row.team), [data]);

  const onArrival = useCallback((view: AlertView) => {
    const id = view.alert.alertId;
    setFreshIds((current) => new Set(current).add(id));
    setTimeout(() => setFreshIds((current) => new Set([...current].filter((fresh) => fresh !== id))), FRESH_MS);
  }, []);

  const run = useCallback(
    (request: ActionRequest, alertIds: string[]) => {
      if (alertIds.length > 0) act.mutate({ alertIds, request }, { onSuccess: () => setChecked(new Set()) });
    },
    [act],
  );
  const targets = checked.size > 0 ? [...checked] : selected ? [selected.latest.alert.alertId] : [];

  useInboxKeys({
    onMove: (delta) => {
      if (groups.length === 0) return;
      const index = Math.max(0, groups.findIndex((group) => group.key === selected?.key));
      setSelectedKey(groups[Math.min(groups.length - 1, Math.max(0, index + delta))]?.key);
    },
    onAct: (action) => run({ action }, targets),
    onToggle: () => {
      const id = selected?.latest.alert.alertId;
      if (!id) return;
      setChecked((current) => {
        const next = new Set(current);
        if (next.has(id)) next.delete(id);
        else next.add(id);
        return next;
      });
    },
    onSearch: () => searchRef.current?.focus(),
  });

  return (
    <section className="view" aria-labelledby="alerts-title">
      <div className="view-header">
        <h1 id="alerts-title">Alert inbox</h1>
        <ConnectionBadge state={connection} />
        <span className={styles.muted}>keys: j/k move · a acknowledge · r resolve · x select · / search</span>
      </div>
      <ArrivalCue onArrival={onArrival} />
      <ConnectionLostBanner state={connection} hasData={data !== undefined} />
      {isPending ? (
        <LoadingPlaceholder what="alerts" rows={5} />
      ) : error ? (
        <p className="banner banner-warning" role="alert">
          Could not load the alerts: {error.message}
        </p>
      ) : (
        <>
          <AlertFilters filter={filter} teams={teams} onChange={setFilter} searchRef={searchRef} />
          {checked.size > 0 && (
            <div className={styles.bulk} data-testid="bulk-actions">
              <strong>{checked.size} selected</strong>
              <AlertActions count={checked.size} busy={act.isPending} error={act.error?.message} onAct={(request) => run(request, [...checked])} />
              <button type="button" className="link-button" onClick={() => setChecked(new Set())}>
                Clear selection
              </button>
            </div>
          )}
          <div className={styles.layout}>
            <AlertList
              groups={groups}
              selectedKey={selected?.key}
              checked={checked}
              freshIds={freshIds}
              onSelect={setSelectedKey}
              onCheck={(id, on) =>
                setChecked((current) => {
                  const next = new Set(current);
                  if (on) next.add(id);
                  else next.delete(id);
                  return next;
                })
              }
            />
            {selected ? <AlertDetail group={selected} busy={act.isPending} error={checked.size > 0 ? undefined : act.error?.message} onAct={(request) => run(request, [selected.latest.alert.alertId])} /> : <div />}
          </div>
          <div className={styles.columns}>
            <TeamTimes teams={data.teams} />
            <SilencesPanel silences={data.silences} teams={teams} />
          </div>
        </>
      )}
    </section>
  );
}
