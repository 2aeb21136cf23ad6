import type { LagResponse } from '@/lib/lag/api';

import type { Bff } from '../bff';
import { socketFramesSent } from '../metrics';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/**
 * Pushes every group's summary on the `lag` channel after each poll (every LAG_POLL_INTERVAL_MS):
 * one frame broadcast to the room, nothing when nobody listens. A client that (re)subscribes
 * gets the latest summaries at once.
 */
export class LagChannel {
  private off: (() => void) | undefined;

  constructor(
    private readonly io: RealtimeServer,
    private readonly bff: Bff,
  ) {}

  start(): void {
    this.off = this.bff.onLagPoll((update) => this.broadcast(update));
  }

  stop(): void {
    this.off?.();
  }

  sendSnapshot(socket: RealtimeSocket): void {
    socket.emit('lag:update', this.bff.lag.summaries());
  }

  private broadcast(update: LagResponse): void {
    if ((this.io.of('/').adapter.rooms.get(roomOf('lag'))?.size ?? 0) === 0) return;
    this.io.to(roomOf('lag')).emit('lag:update', update);
    socketFramesSent.inc({ event: 'lag:update' });
  }
}
