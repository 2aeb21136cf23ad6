/**
 * Open-alert counts per vehicle, for the fleet map's mark, the list's "has alert" filter and the
 * KPI. The alert store calls `setVehicleOpenAlerts`; the live fleet listens and pushes the vehicle
 * in the next delta. Kept on `globalThis` because Next.js may bundle a second copy of this module
 * into route handlers, and both copies must share one table.
 */
interface VehicleAlertTable {
  counts: Map<string, number>;
  listeners: Set<(vehicleId: string) => void>;
}

const TABLE_KEY = Symbol.for('fleetwatch.vehicle-open-alerts');
type GlobalWithTable = typeof globalThis & { [TABLE_KEY]?: VehicleAlertTable };

function table(): VehicleAlertTable {
  const holder = globalThis as GlobalWithTable;
  holder[TABLE_KEY] ??= { counts: new Map(), listeners: new Set() };
  return holder[TABLE_KEY];
}

/** Records how many alerts are open on a vehicle now; a change puts the vehicle in the next fleet delta. */
export function setVehicleOpenAlerts(vehicleId: string, openCount: number): void {
  const count = Number.isFinite(openCount) ? Math.max(0, Math.floor(openCount)) : 0;
  const { counts, listeners } = table();
  if ((counts.get(vehicleId) ?? 0) === count) return;
  // Zero is not stored, so the table holds only vehicles with something open.
  if (count === 0) counts.delete(vehicleId);
  else counts.set(vehicleId, count);
  for (const listener of listeners) listener(vehicleId);
}

export function openAlertsOf(vehicleId: string): number {
  return table().counts.get(vehicleId) ?? 0;
}

/** Calls `listener` with each vehicle whose count changed; returns the unsubscribe function. */
export function onVehicleAlertsChange(listener: (vehicleId: string) => void): () => void {
  const { listeners } = table();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forgets every count (tests, and a BFF that rebuilds its alert state). */
export function clearVehicleOpenAlerts(): void {
  table().counts.clear();
}
