import type { FleetSnapshot } from '@/lib/api/fleet';
import type { HealthResponse, ReadinessResponse } from '@/lib/api/health';
import type { SalesResponse } from '@/lib/api/sales';
import type { ZonesResponse } from '@/lib/api/zones';
import type { GroupDetail, LagResponse } from '@/lib/lag/api';
import type { VehiclePoint } from '@/lib/realtime/events';

import type { AlertService } from './alerts/alert-service';
import type { ReplayWorkerClient } from './fleet/replay-client';
import type { StreetMap } from './fleet/street-map';
import type { InboundAlerts } from './notify/inbound';
import type { NotifyService } from './notify/notify-service';

/**
 * What route handlers may ask of the running BFF. Next.js bundles route handlers apart from the
 * custom server, so a module imported by both would be two instances with two states: the live
 * state is published once on `globalThis` and this module holds nothing but the lookup.
 */
export interface BffRuntime {
  instanceId: string;
  health(): Promise<HealthResponse>;
  /** `GET /api/health/ready`: Kafka answers, every stream consumes, the jobs run. */
  ready(): ReadinessResponse;
  metrics(): Promise<{ contentType: string; body: string }>;
  fleetSnapshot(): FleetSnapshot;
  vehicleHistory(vehicleId: string, minutes: number): VehiclePoint[] | undefined;
  salesPerMinute(minutes: number): SalesResponse;
  zonesOccupancy(pastWindows: number): ZonesResponse;
  lagSummaries(): LagResponse;
  /** Undefined: no such group is watched. */
  lagGroup(groupId: string): GroupDetail | undefined;
  /** The shared inbox: list, act, silence (every call checks the identity's teams). */
  alerts: AlertService;
  /** Time travel on the fleet page: the fleet at a past moment, read from Kafka by time. */
  replay: Pick<ReplayWorkerClient, 'retention' | 'scene' | 'steps' | 'timeline' | 'trip'>;
  /** Notifications (undefined without ALERTING_CONFIG): the admin page's overview and "send test". */
  alerting?: Pick<NotifyService, 'overview' | 'sendTest'>;
  /** Alerts from outside in Alertmanager's formats (`POST /api/v2/alerts`). */
  inbound: InboundAlerts;
  /** FLEET_MAP_STYLE_URL: the fleet map's base style, when configured. */
  fleetMapStyleUrl?: string;
  /** The simulator's street network for its seed: the fleet map's own base. */
  streetMap(): StreetMap;
}

const RUNTIME_KEY = Symbol.for('fleetwatch.bff-runtime');
type GlobalWithRuntime = typeof globalThis & { [RUNTIME_KEY]?: BffRuntime };

export function publishRuntime(runtime: BffRuntime | undefined): void {
  (globalThis as GlobalWithRuntime)[RUNTIME_KEY] = runtime;
}

export function getRuntime(): BffRuntime | undefined {
  return (globalThis as GlobalWithRuntime)[RUNTIME_KEY];
}

/** FLEET_STATE_RETENTION_H's default, shown while the BFF is still starting. */
const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;

/** What the fleet pages (live and trip history) read from the running BFF per request: the map style and the retention. */
export function fleetPageSettings(): { styleUrl?: string; retentionMs: number } {
  const runtime = getRuntime();
  return { styleUrl: runtime?.fleetMapStyleUrl, retentionMs: runtime?.replay.retention().retentionMs ?? DEFAULT_RETENTION_MS };
}
