'use client';

import { useCallback } from 'react';

import { alertTitle } from '@/lib/alerts/describe';
import type { AlertView } from '@/lib/api/alerts';
import { useAlertArrivals } from '@/lib/client/use-alerts-feed';
import { useExpiring } from '@/lib/client/use-expiring';

const SHOW_MS = 10_000;

/**
 * The fleet page's cue for a new critical alert of the user's teams (the alerts feed only carries
 * those): a toast that names it and, for a vehicle, opens it. Lesser alerts only colour the list
 * and map, because a toast for every warning would teach people to ignore toasts.
 */
export function CriticalToast({ onOpenVehicle }: { onOpenVehicle: (vehicleId: string) => void }) {
  const [latest, setLatest] = useExpiring<AlertView>(SHOW_MS);
  const arrive = useCallback(
    (view: AlertView) => {
      if (view.alert.severity === 'critical') setLatest(view);
    },
    [setLatest],
  );
  useAlertArrivals(arrive);
  if (!latest) return null;
  const { alert } = latest;
  return (
    <div className="critical-toast" role="alert" data-testid="critical-toast">
      <strong>New critical alert:</strong> {alertTitle(latest.alert)}
      {alert.kind === 'anomaly' && (
        <button type="button" onClick={() => onOpenVehicle(alert.vehicleId)}>
          Show {alert.plate ?? alert.vehicleId}
        </button>
      )}
      <button type="button" aria-label="Dismiss" onClick={() => setLatest(undefined)}>
        ×
      </button>
    </div>
  );
}
