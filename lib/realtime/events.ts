import type { z } from 'zod';

import type { AlertPush } from '../api/alerts';
import type { FleetSnapshot } from '../api/fleet';
import type { KafkaReachability } from '../api/health';
import type { ZonesResponse } from '../api/zones';
import type { AlertSilence } from '../contracts/alerts';
import type { Severity } from '../contracts/common';
import type { VehicleState } from '../contracts/fleet';
import type { FleetFrame, freshnessSchema } from '../contracts/fleet-frame';
import type { SalesPerMinute } from '../contracts/sales';
import type { LagUpdate } from '../lag/api';

import type { SubscriptionAck, SubscriptionRequest } from './channels';

/** A vehicle as the BFF serves it: the processed state plus what the BFF knows of its freshness. */
export type VehicleView = VehicleState & {
  /** When the BFF received the latest fix (epoch ms). */
  receivedAt: number;
  /** How far to trust the position: see `lib/fleet/freshness.ts`. */
  freshness: Freshness;
  /** Alerts open on this vehicle now (the alert store's count, looked up by the BFF's fleet store). */
  openAlerts: number;
  /** The severity of its worst open alert still firing (absent when none fires): colours its row, pill and marker. */
  alertSeverity?: Severity;
};

/** One point of a vehicle's recent history: what its detail charts and trail draw. */
export type VehiclePoint = Pick<VehicleState, 'ts' | 'lat' | 'lon' | 'speedKmh' | 'headingDeg' | 'engineTempC' | 'containerTempC' | 'fuelPct'>;

/**
 * live: fixes arrive on time; delayed: the latest fix reached the BFF late; frozen: the GPS
 * repeats one position while the speed says the vehicle moves; offline: silent too long.
 */
export type Freshness = z.infer<typeof freshnessSchema>;

/** `sales:update`: sales rows changed since the last tick, latest per `bookstoreId|windowStart`. */
export interface SalesUpdate {
  rows: SalesPerMinute[];
  sentAt: number;
}

export interface ServerToClientEvents {
  /** What changed since the last tick, only the changed fields (see `lib/contracts/fleet-frame.ts`); a snapshot on subscribe. */
  'fleet:update': (frame: FleetFrame) => void;
  'vehicle:update': (update: { vehicleId: string; points: VehiclePoint[] }) => void;
  'sales:update': (update: SalesUpdate) => void;
  /** The whole campus picture (the same shape as `GET /api/zones/occupancy`), when anything changed. */
  'zones:update': (update: ZonesResponse) => void;
  /** Every watched consumer group's summary (the same shape as `GET /api/lag`), after each poll. */
  'lag:update': (update: LagUpdate) => void;
  /** One alert's new state plus the audit entries this change added (`alertPushSchema`), to the teams that see it; never dropped. */
  'alert:upsert': (push: AlertPush) => void;
  /** Whether the BFF reaches Kafka: to every socket on connect and on each change, unasked (the banner in every view). */
  'kafka:status': (status: KafkaReachability) => void;
  /** The silences in force of the teams this socket sees, whenever one is created, lifted or expires. */
  'alert:silences': (update: { silences: AlertSilence[] }) => void;
}

export interface ClientToServerEvents {
  subscribe: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
  unsubscribe: (request: SubscriptionRequest, ack: (result: SubscriptionAck) => void) => void;
}

export type { FleetSnapshot };
