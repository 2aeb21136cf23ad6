import type { FleetUpdate } from '@/lib/realtime/events';

import type { FleetStore } from '../fleet/fleet-store';
import { socketFramesSent } from '../metrics';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/**
 * Pushes the fleet once per tick: the vehicles changed since the last tick, latest value each,
 * as one frame broadcast to the `fleet` room (Socket.IO's cost is per message written, so one
 * frame per tick instead of one per fix). Watchers of `vehicle:<id>` get that vehicle's new points.
 */
export class FleetChannel {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: RealtimeServer,
    private readonly fleet: FleetStore,
    private readonly tickMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(Date.now()), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A client that (re)subscribes gets the whole fleet, then deltas. */
  sendSnapshot(socket: RealtimeSocket): void {
    const snapshot = this.fleet.snapshot(Date.now());
    socket.emit('fleet:update', { snapshot: true, vehicles: snapshot.vehicles, removed: [], sentAt: snapshot.serverTime });
  }

  sendVehicleHistory(socket: RealtimeSocket, vehicleId: string, minutes = 15): void {
    socket.emit('vehicle:update', { vehicleId, points: this.fleet.history(vehicleId, Date.now() - minutes * 60_000) });
  }

  tick(now: number): void {
    this.fleet.sweepOffline(now);
    const changed = this.fleet.takeChanges(now);
    if (changed.length > 0 && this.hasMembers(roomOf('fleet'))) {
      const update: FleetUpdate = { snapshot: false, vehicles: changed, removed: [], sentAt: now };
      this.io.to(roomOf('fleet')).emit('fleet:update', update);
      socketFramesSent.inc({ event: 'fleet:update' });
    }
    const watched = this.watchedVehicles();
    for (const [vehicleId, points] of this.fleet.takePoints(watched)) {
      this.io.to(roomOf(`vehicle:${vehicleId}`)).emit('vehicle:update', { vehicleId, points });
      socketFramesSent.inc({ event: 'vehicle:update' });
    }
  }

  private hasMembers(room: string): boolean {
    return (this.io.of('/').adapter.rooms.get(room)?.size ?? 0) > 0;
  }

  private watchedVehicles(): string[] {
    const prefix = roomOf('vehicle:x').slice(0, -1);
    const ids: string[] = [];
    for (const room of this.io.of('/').adapter.rooms.keys()) if (room.startsWith(prefix)) ids.push(room.slice(prefix.length));
    return ids;
  }
}
