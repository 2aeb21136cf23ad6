import type { SalesUpdate } from '@/lib/realtime/events';

import { socketFramesSent } from '../metrics';
import type { SalesStore } from '../sales/sales-store';

import { roomOf } from './socket-server';
import type { RealtimeServer, RealtimeSocket } from './socket-server';

/** On (re)join a client gets this much recent data, enough to cover a short disconnect. */
const JOIN_MINUTES = 5;

/**
 * Pushes the sales rows changed since the last tick, latest per `bookstoreId|windowStart`, as one
 * frame broadcast to the `sales` room. Low rate: a few rows per store and minute.
 */
export class SalesChannel {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly io: RealtimeServer,
    private readonly sales: SalesStore,
    private readonly tickMs = 1_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tick(Date.now()), this.tickMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  sendRecent(socket: RealtimeSocket): void {
    const now = Date.now();
    const update: SalesUpdate = { rows: this.sales.recent(JOIN_MINUTES, now), sentAt: now };
    socket.emit('sales:update', update);
  }

  tick(now: number): void {
    const rows = this.sales.takeChanges();
    this.sales.prune(now);
    if (rows.length === 0 || (this.io.of('/').adapter.rooms.get(roomOf('sales'))?.size ?? 0) === 0) return;
    const update: SalesUpdate = { rows, sentAt: now };
    this.io.to(roomOf('sales')).emit('sales:update', update);
    socketFramesSent.inc({ event: 'sales:update' });
  }
}
