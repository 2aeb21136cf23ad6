import { DEFAULT_PAST_WINDOWS } from '@/lib/api/zones';

import { socketFramesSent } from '../metrics';
import type { ZoneStore } from '../zones/zone-store';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/**
 * Pushes the campus on the `zones` channel: the whole picture (a dozen zones, small), at most
 * once per tick and only when something changed, as one frame broadcast to the room. The
 * processor writes live figures every 10 s, so a 1 s tick adds little delay and coalesces bursts.
 */
export class ZonesChannel {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: RealtimeServer,
    private readonly store: ZoneStore,
    private readonly tickMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(Date.now()), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A client that (re)subscribes gets the whole picture at once. */
  sendSnapshot(socket: RealtimeSocket): void {
    socket.emit('zones:update', this.store.snapshot(Date.now(), DEFAULT_PAST_WINDOWS));
  }

  tick(now: number): void {
    if (!this.store.takeChanged()) return;
    if ((this.io.of('/').adapter.rooms.get(roomOf('zones'))?.size ?? 0) === 0) return;
    this.io.to(roomOf('zones')).emit('zones:update', this.store.snapshot(now, DEFAULT_PAST_WINDOWS));
    socketFramesSent.inc({ event: 'zones:update' });
  }
}
