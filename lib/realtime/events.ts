import type { AlertPush } from '../api/alerts';
import type { FleetSnapshot } from '../api/fleet';
import type { ZonesResponse } from '../api/zones';
import type { AlertSilence } from '../contracts/alerts';
import type { VehicleState } from '../contracts/fleet';
import type { SalesPerMinute } from '../contracts/sales';
import type { LagUpdate } from '../lag/api';

import type { SubscriptionAck, SubscriptionRequest } from './channels';

/**
 * `fleet:update`: what changed since the last tick, coalesced per vehicle. `snapshot: true`
 * replaces the client's whole fleet (sent on subscribe and after a reconnect); otherwise the
 * vehicles are upserted and `removed` ids are dropped.
 */
export interface FleetUpdate {
  snapshot: boolean;
  vehicles: VehicleView[];
  removed: string[];
  /** Server time of this frame, for the client's freshness display. */
  sentAt: number;
  /** The BFF's own lag behind `fleet.vehicle-state` (ms from the record's Kafka time to its receipt), when known. */
  consumerLagMs?: number;
}

/** A vehicle as the BFF serves it: the processed state plus what the BFF knows of its freshness. */
export type VehicleView = VehicleState & {
  /** When the BFF received the latest fix (epoch ms). */
  receivedAt: number;
  /** How far to trust the position: see `lib/fleet/freshness.ts`. */
  freshness: Freshness;
  /** Alerts open on this vehicle now (set by the alert store through `server/fleet/vehicle-alerts.ts`). */
  openAlerts: number;
};

/** One point of a vehicle's recent history: what its detail charts and trail draw. */
export type VehiclePoint = Pick<VehicleState, 'ts' | 'lat' | 'lon' | 'speedKmh' | 'headingDeg' | 'engineTempC' | 'containerTempC' | 'fuelPct'>;

/**
 * live: fixes arrive on time; delayed: the latest fix reached the BFF late; frozen: the GPS
 * repeats one position while the speed says the vehicle moves; offline: silent too long.
 */
export type Freshness = 'live' | 'delayed' | 'frozen' | 'offline';

/** `sales:update`: sales rows changed since the last tick, latest per `bookstoreId|windowStart`. */
export interface SalesUpdate {
  rows: SalesPerMinute[];
  sentAt: number;
}

export interface ServerToClientEvents {
  'fleet:update': (update: FleetUpdate) => void;
  'vehicle:update': (update: { vehicleId: string; points: VehiclePoint[] }) => void;
  'sales:update': (update: SalesUpdate) => void;
  /** The whole campus picture (the same shape as `GET /api/zones/occupancy`), when anything changed. */
  'zones:update': (update: ZonesResponse) => void;
  /** Every watched consumer group's summary (the same shape as `GET /api/lag`), after each poll. */
  'lag:update': (update: LagUpdate) => void;
  /** One alert's new state plus the audit entries this change added (`alertPushSchema`), to the teams that see it; never dropped. */
  'alert:upsert': (push: AlertPush) => void;
  /** The silences in force of the teams this socket sees, whenever one is created, lifted or expires. */
  'alert:silences': (update: { silences: AlertSilence[] }) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
  unsubscribe: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
}

export type { FleetSnapshot };
