'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { upsertAlerts } from '../../alerts/alerts-cache';
import type { ActionRequest, ActionResult, AlertsResponse, AuditPage, SilenceRequest } from '../../api/alerts';
import type { VehicleView } from '../../realtime/events';

import { fetchOrExplain } from './fetch';

/** Every query key of the inbox: components and the live feed name keys only through here. */
export const alertKeys = {
  all: ['alerts'] as const,
  list: () => [...alertKeys.all, 'list'] as const,
  history: (vehicleId: string) => [...alertKeys.all, 'vehicle-history', vehicleId] as const,
};

async function send<T>(url: string, init: RequestInit): Promise<T> {
  const response = await fetchOrExplain(url, { ...init, headers: { 'content-type': 'application/json', ...init.headers } });
  const body = (await response.json().catch(() => ({}))) as T & { error?: { message: string } };
  if (!response.ok) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body;
}

export function fetchAlerts(): Promise<AlertsResponse> {
  return send<AlertsResponse>('/api/alerts', { method: 'GET', cache: 'no-store' });
}

/** Trail entries of one alert before index `before` (a view carries only the newest ones). */
export function fetchAuditPage(alertId: string, before: number): Promise<AuditPage> {
  return send<AuditPage>(`/api/alerts/${encodeURIComponent(alertId)}/audit?before=${before}`, { method: 'GET', cache: 'no-store' });
}

/**
 * Every alert the user's teams see (newest first, capped), the silences in force and the
 * per-team times. Filters are applied in the browser with the BFF's own filter, so changing one
 * is instant and live updates need no refetch; the `alerts` channel keeps it current.
 */
export function useAlerts(enabled = true) {
  return useQuery({
    queryKey: alertKeys.list(),
    queryFn: fetchAlerts,
    enabled,
    // Live events patch the list; the per-team times are recomputed by the BFF once a minute.
    staleTime: 60_000,
    refetchInterval: 60_000,
  });
}

/** One action on one or several alerts; the answers (the alerts as they now stand) go straight into the cache. */
export function useAlertAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ alertIds, request }: { alertIds: string[]; request: ActionRequest }): Promise<ActionResult[]> => {
      if (alertIds.length === 1)
        return [await send<ActionResult>(`/api/alerts/${encodeURIComponent(alertIds[0] ?? '')}/actions`, { method: 'POST', body: JSON.stringify(request) })];
      return (await send<{ results: ActionResult[] }>('/api/alerts/actions', { method: 'POST', body: JSON.stringify({ alertIds, request }) })).results;
    },
    onSuccess: (results) => {
      const views = results.flatMap((result) => (result.alert ? [result.alert] : []));
      queryClient.setQueryData<AlertsResponse>(alertKeys.list(), (data) => upsertAlerts(data, views));
    },
  });
}

export function useCreateSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: SilenceRequest) => send('/api/alerts/silences', { method: 'POST', body: JSON.stringify(request) }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.list() }),
  });
}

export function useLiftSilence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (silenceId: string) => send(`/api/alerts/silences/${encodeURIComponent(silenceId)}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertKeys.list() }),
  });
}

/** A vehicle's recent telemetry for an alert's chart, refreshed while the pane is open. */
export function useAlertVehicleHistory(vehicleId: string | undefined, minutes = 15) {
  return useQuery({
    queryKey: alertKeys.history(vehicleId ?? ''),
    enabled: vehicleId !== undefined,
    queryFn: async () =>
      (
        await send<{ points: VehicleView[] }>(`/api/fleet/vehicles/${encodeURIComponent(vehicleId ?? '')}/history?minutes=${minutes}`, {
          method: 'GET',
          cache: 'no-store',
        })
      ).points,
    refetchInterval: 5_000,
    retry: false,
  });
}
