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
import { useUndoableAck } from './use-undoable-ack';
import { useZoneLookup } from './use-zone-lookup';

const FRESH_MS = 10_000;
/** Links name one subject: `/alerts?vehicle=`, `?zone=`, `?group=` (from the vehicle detail, a zone's alert tag, a group page). */
const SUBJECT_PARAMS = ['vehicle', 'zone', 'group'] as const;

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

  // A link like /alerts?vehicle=cab-0001 opens the inbox filtered to that subject, whatever its status.
  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    const subject = Object.fromEntries(SUBJECT_PARAMS.flatMap((name) => (params.get(name) ? [[name, params.get(name)]] : [])));
    if (Object.keys(subject).length > 0) setFilter((current) => ({ ...current, ...subject, status: undefined }));
  }, []);

  const groups = useMemo(() => groupAlerts((data?.alerts ?? []).filter((view) => matchesFilter(view, filter))), [data, filter]);
  const selected = groups.find((group) => group.key === selectedKey) ?? groups[0];
  const teams = useMemo(() => (data?.teams ?? []).map((row) => row.team), [data]);
  const zones = useZoneLookup(teams.includes('security'));
  const lagGroups = useMemo(
    () => [...new Set((data?.alerts ?? []).flatMap((view) => (view.alert.kind === 'consumer-lag' ? [view.alert.groupId] : [])))].sort(),
    [data],
  );

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
  const undoable = useUndoableAck((alertIds) => run({ action: 'ack' }, alertIds));

  useInboxKeys({
    onMove: (delta) => {
      if (groups.length === 0) return;
      const index = Math.max(
        0,
        groups.findIndex((group) => group.key === selected?.key),
      );
      setSelectedKey(groups[Math.min(groups.length - 1, Math.max(0, index + delta))]?.key);
    },
    // The `a` key acknowledges after a few seconds with an Undo: a stray key press costs nothing.
    onAct: (action) => (action === 'ack' ? undoable.schedule(targets) : run({ action }, targets)),
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
      <a href="#alert-list" className={styles.skipLink} onClick={() => document.getElementById('alert-list')?.focus()}>
        Skip to the alert list
      </a>
      <div className="view-header">
        <h1 id="alerts-title">Alert inbox</h1>
        <ConnectionBadge state={connection} />
        <span className={styles.muted}>keys: j/k move · a acknowledge (undo for 5 s) · r resolve · x select · / search</span>
      </div>
      <ArrivalCue onArrival={onArrival} zones={zones.lookup} />
      {undoable.pending && (
        <div className={styles.undo} role="status" data-testid="undo-ack">
          Acknowledging {undoable.pending.alertIds.length === 1 ? 'the alert' : `${undoable.pending.alertIds.length} alerts`} in {undoable.pending.secondsLeft}{' '}
          s
          <button type="button" onClick={undoable.undo}>
            Undo
          </button>
        </div>
      )}
      <ConnectionLostBanner state={connection} hasData={data !== undefined} />
      {isPending ? (
        <LoadingPlaceholder what="alerts" rows={5} />
      ) : error ? (
        <p className="banner banner-warning" role="alert">
          Could not load the alerts: {error.message}
        </p>
      ) : (
        <>
          <AlertFilters filter={filter} teams={teams} zones={zones.options} groups={lagGroups} onChange={setFilter} searchRef={searchRef} />
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
              zones={zones.lookup}
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
            {selected ? (
              <AlertDetail
                group={selected}
                zones={zones.lookup}
                busy={act.isPending}
                error={checked.size > 0 ? undefined : act.error?.message}
                onAct={(request) => run(request, [selected.latest.alert.alertId])}
              />
            ) : (
              <div />
            )}
          </div>
          <div className={styles.columns}>
            <TeamTimes teams={data.teams} />
            <SilencesPanel silences={data.silences} teams={teams} zones={zones.options} groups={lagGroups} />
          </div>
        </>
      )}
    </section>
  );
}
