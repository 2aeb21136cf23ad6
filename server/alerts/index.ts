/**
 * The alert inbox's server side. For other views (the fleet map and list): a Bff's `alerts` store
 * tells each vehicle's count of open alerts (open, acknowledged or snoozed) as it changes —
 * `bff.alerts.onVehicleOpenAlertsChanged((vehicleId, openCount) => ...)` returns an unsubscribe
 * function, `bff.alerts.openAlertCounts()` gives the current counts to start from.
 */
export { AlertStore } from './alert-store';
export type { VehicleOpenAlertsListener } from './alert-store';
export { AlertService } from './alert-service';

import type { AlertStore, VehicleOpenAlertsListener } from './alert-store';

/** Subscribes to every change of a vehicle's open-alert count; returns the unsubscribe function. */
export function onVehicleOpenAlertsChanged(store: AlertStore, listener: VehicleOpenAlertsListener): () => void {
  return store.onVehicleOpenAlertsChanged(listener);
}
