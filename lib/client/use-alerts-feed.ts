'use client';

import { useQueryClient } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';

import { mergePush, replaceSilences, upsertAlerts } from '../alerts/alerts-cache';
import type { AlertPush, AlertsResponse, AlertView } from '../api/alerts';
import { alertPushSchema } from '../api/alerts';

import { alertKeys } from './queries/alerts';
import { realtime } from './socket';

/** Upserts are buffered and written to the cache at most this often, never once per event. */
const FLUSH_MS = 150;

type ArrivalListener = (view: AlertView) => void;
const arrivalListeners = new Set<ArrivalListener>();
let holders = 0;
let stopFeed: (() => void) | undefined;

/**
 * The `alerts` channel into the query cache, once per page however many components hold it
 * (the navigation's count and the inbox). Every event is the alert's new state plus the trail
 * entries it added (checked against the shared contract), merged by revision; after a reconnect
 * the list is fetched again, so nothing missed offline stays missing. Alerts first seen here (not
 * in the fetched list) are announced as arrivals.
 */
function startFeed(queryClient: QueryClient): () => void {
  let buffer: AlertPush[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wasLive = realtime.getState() === 'live';
  const flush = () => {
    timer = undefined;
    const cached = queryClient.getQueryData<AlertsResponse>(alertKeys.list());
    // Before the first list arrives there is nothing to patch: hold the events until there is.
    if (!cached) {
      timer = setTimeout(flush, FLUSH_MS);
      return;
    }
    const pushes = buffer;
    buffer = [];
    const known = new Set(cached.alerts.map((view) => view.alert.alertId));
    queryClient.setQueryData<AlertsResponse>(alertKeys.list(), (data) => upsertAlerts(data, pushes));
    for (const push of pushes) {
      if (!known.has(push.alert.alertId) && push.status === 'open') arrivalListeners.forEach((listener) => listener(mergePush(undefined, push)));
    }
  };
  const offUpsert = realtime.on('alert:upsert', (payload) => {
    const push = alertPushSchema.safeParse(payload);
    if (!push.success) return;
    buffer.push(push.data);
    timer ??= setTimeout(flush, FLUSH_MS);
  });
  const offSilences = realtime.on('alert:silences', ({ silences }) =>
    queryClient.setQueryData<AlertsResponse>(alertKeys.list(), (data) => replaceSilences(data, silences)),
  );
  const offState = realtime.onStateChange(() => {
    const live = realtime.getState() === 'live';
    if (live && !wasLive) void queryClient.invalidateQueries({ queryKey: alertKeys.list() });
    wasLive = live;
  });
  const release = realtime.hold('alerts');
  return () => {
    clearTimeout(timer);
    release();
    offUpsert();
    offSilences();
    offState();
  };
}

export function useAlertsFeed(enabled = true): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!enabled) return undefined;
    if (holders++ === 0) stopFeed = startFeed(queryClient);
    return () => {
      if (--holders === 0) stopFeed?.();
    };
  }, [queryClient, enabled]);
}

/** Calls `listener` for every new open alert that arrives live (for the arrival cue). */
export function useAlertArrivals(listener: ArrivalListener): void {
  useEffect(() => {
    arrivalListeners.add(listener);
    return () => {
      arrivalListeners.delete(listener);
    };
  }, [listener]);
}
