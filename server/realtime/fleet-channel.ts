import type { VehicleView } from '@/lib/realtime/events';

import { FleetFrameEncoder } from '../fleet/fleet-frames';
import { FleetPushPlanner } from '../fleet/fleet-push';
import type { FleetStore } from '../fleet/fleet-store';
import { socketFramesSent } from '../metrics';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/**
 * Pushes the fleet once per tick: the vehicles changed since the last tick, latest value each,
 * as one frame broadcast to the `fleet` room (Socket.IO's cost is per message written, so one
 * frame per tick instead of one per fix, encoded once for every socket). Frames carry only the
 * fields that changed, compactly (see FleetFrameEncoder, lib/contracts/fleet-frame.ts). A socket whose previous
 * frames are still queued is left out and caught up later (see FleetPushPlanner), so a slow
 * client never slows the others. Watchers of `vehicle:<id>` get that vehicle's new points.
 */
export class FleetChannel {
  private timer: NodeJS.Timeout | undefined;
  private readonly planner = new FleetPushPlanner();
  private readonly frames = new FleetFrameEncoder();
  /** Clients that subscribed since the last tick: they get one snapshot frame, encoded once for all of them. */
  private readonly awaitingSnapshot = new Set<string>();

  constructor(
    private readonly io: RealtimeServer,
    private readonly fleet: FleetStore,
    private readonly tickMs: number,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(Date.now()), this.tickMs);
    this.io.on('connection', (socket) =>
      socket.on('disconnect', () => {
        this.planner.forget(socket.id);
        this.awaitingSnapshot.delete(socket.id);
      }),
    );
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /**
   * A client that (re)subscribes gets the whole fleet at the next tick, then deltas. Joiners of one
   * tick share one snapshot frame: 50 browsers reconnecting after a BFF restart cost one encoding of
   * 10,000 vehicles, not 50.
   */
  sendSnapshot(socket: RealtimeSocket): void {
    this.planner.forget(socket.id);
    this.awaitingSnapshot.add(socket.id);
  }

  sendVehicleHistory(socket: RealtimeSocket, vehicleId: string, minutes = 15): void {
    socket.emit('vehicle:update', { vehicleId, points: this.fleet.history(vehicleId, Date.now() - minutes * 60_000) });
  }

  tick(now: number): void {
    this.fleet.sweepOffline(now);
    const changed = this.fleet.takeChanges(now);
    this.pushFleet(changed, now);
    const watched = this.watchedVehicles();
    for (const [vehicleId, points] of this.fleet.takePoints(watched)) {
      this.io.to(roomOf(`vehicle:${vehicleId}`)).emit('vehicle:update', { vehicleId, points });
      socketFramesSent.inc({ event: 'vehicle:update' });
    }
  }

  private pushFleet(changed: VehicleView[], now: number): void {
    const lag = this.fleet.consumerLagMs;
    // Recorded every tick, clients or not, so a later snapshot holds the newest picture.
    const delta = this.frames.delta(changed, now, lag);
    const joiners = this.takeJoiners();
    if (joiners.length > 0) {
      // Built after this tick's changes, so it already holds them: the joiners sit out this delta.
      this.io.to(joiners).emit('fleet:update', this.frames.snapshot(now, lag));
      socketFramesSent.inc({ event: 'fleet:update' });
    }
    const clients = this.fleetClients().filter((socket) => !joiners.includes(socket.id));
    if (clients.length === 0) return;
    const plan = this.planner.plan(
      delta.v.map((entry) => entry[0]),
      clients.map((socket) => ({ id: socket.id, ready: isReady(socket) })),
    );
    if (delta.v.length > 0 && plan.skip.length < clients.length) {
      this.io
        .to(roomOf('fleet'))
        .except([...plan.skip, ...joiners])
        .emit('fleet:update', delta);
      socketFramesSent.inc({ event: 'fleet:update' });
    }
    for (const [socketId, vehicleIds] of plan.catchUp) {
      this.io.to(socketId).emit('fleet:update', this.frames.catchUp(vehicleIds, now, lag));
      socketFramesSent.inc({ event: 'fleet:update' });
    }
  }

  private takeJoiners(): string[] {
    const room = this.io.of('/').adapter.rooms.get(roomOf('fleet'));
    // A client that left the room again before its snapshot went out needs none.
    const joiners = [...this.awaitingSnapshot].filter((id) => room?.has(id));
    this.awaitingSnapshot.clear();
    return joiners;
  }

  private fleetClients(): RealtimeSocket[] {
    const ids = this.io.of('/').adapter.rooms.get(roomOf('fleet'));
    if (!ids) return [];
    const sockets: RealtimeSocket[] = [];
    for (const id of ids) {
      const socket = this.io.of('/').sockets.get(id);
      if (socket) sockets.push(socket);
    }
    return sockets;
  }

  private watchedVehicles(): string[] {
    const prefix = roomOf('vehicle:x').slice(0, -1);
    const ids: string[] = [];
    for (const room of this.io.of('/').adapter.rooms.keys()) if (room.startsWith(prefix)) ids.push(room.slice(prefix.length));
    return ids;
  }
}

/**
 * Whether the socket's connection has flushed what it was given: the transport is writable (the
 * last frame left for the kernel) and nothing waits in engine.io's write buffer.
 */
function isReady(socket: RealtimeSocket): boolean {
  const connection = socket.conn as unknown as { transport?: { writable?: boolean }; writeBuffer?: unknown[] };
  return connection.transport?.writable === true && (connection.writeBuffer?.length ?? 0) === 0;
}
