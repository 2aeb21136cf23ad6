import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

import type { AlertPush, AlertsResponse } from '../../lib/api/alerts';
import type { Channel, SubscriptionAck } from '../../lib/realtime/channels';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/realtime/events';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

import { ClientAlerts } from './tally';

type BenchSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** One outage of one client: when it lost its socket and when it was subscribed again (undefined: not yet). */
export interface Outage {
  lostAt: number;
  backAt?: number;
}

/** GET a route through nginx as the admin machine client. */
export async function fetchAdmin<T>(url: string, route: string): Promise<T> {
  const response = await fetch(`${url}${route}`, { headers: { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` }, signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`GET ${route}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

export async function inboxIds(url: string): Promise<string[]> {
  return (await fetchAdmin<AlertsResponse>(url, '/api/alerts?limit=5000')).alerts.map((view) => view.alert.alertId);
}

function subscribe(socket: BenchSocket, channel: Channel): Promise<SubscriptionAck> {
  return new Promise((resolve) => socket.emit('subscribe', { channel }, resolve));
}

/**
 * A Socket.IO client as the alert inbox page is one: WebSocket only, through nginx, subscribed to
 * `alerts`; after a reconnect it subscribes again and then takes the inbox snapshot (GET /api/alerts),
 * so nothing that fired while it was away is missed by design.
 */
export class BenchClient {
  readonly socket: BenchSocket;
  readonly alerts = new ClientAlerts();
  readonly outages: Outage[] = [];
  /** A reconnect whose snapshot failed: the client could not catch up by the page's own means. */
  snapshotFailures = 0;

  constructor(private readonly url: string) {
    // Reconnecting as the product's page does (lib/client/socket.ts: Socket.IO's default first delay, at most 3 s).
    this.socket = io(url, { transports: ['websocket'], auth: { token: DEMO_ADMIN_TOKEN }, reconnectionDelayMax: 3_000 });
    this.socket.on('alert:upsert', (push: AlertPush) => this.alerts.onPush(push, Date.now()));
    this.socket.on('disconnect', () => this.outages.push({ lostAt: Date.now() }));
    this.socket.on('connect', () => void this.onConnect());
  }

  /** Resolves once connected and subscribed the first time; rejects on a refused handshake. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (this.alerts.subscribedAt !== undefined) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
      this.socket.once('connect_error', (error) => {
        clearInterval(timer);
        reject(new Error(`a client could not connect: ${error.message}`));
      });
    });
  }

  get connected(): boolean {
    const last = this.outages.at(-1);
    return this.alerts.subscribedAt !== undefined && (last === undefined || last.backAt !== undefined);
  }

  close(): void {
    this.socket.disconnect();
  }

  private async onConnect(): Promise<void> {
    const ack = await subscribe(this.socket, 'alerts');
    // Refused (never seen with the admin token): it stays unsubscribed, so it counts as not back.
    if (!('ok' in ack)) return;
    const outage = this.outages.at(-1);
    if (this.alerts.subscribedAt === undefined) {
      this.alerts.subscribedAt = Date.now();
      return;
    }
    if (outage) outage.backAt = Date.now();
    try {
      for (const id of await inboxIds(this.url)) this.alerts.snapshot.add(id);
    } catch {
      this.snapshotFailures += 1;
    }
  }
}

/** `count` clients, connected a few at a time so nginx and the BFFs are not hit by all handshakes at once. */
export async function connectClients(url: string, count: number, say: (line: string) => void): Promise<BenchClient[]> {
  const clients: BenchClient[] = [];
  for (let i = 0; i < count; i += 25) {
    const batch = Array.from({ length: Math.min(25, count - i) }, () => new BenchClient(url));
    await Promise.all(batch.map((client) => client.ready()));
    clients.push(...batch);
  }
  say(`${clients.length} clients connected through nginx (WebSocket only) and subscribed to alerts`);
  return clients;
}

/** Outages that began at or after `since`: how long each client took to be subscribed again (ms), and how many are not back. */
export function reconnectsSince(clients: readonly BenchClient[], since: number): { backAfterMs: number[]; notBack: number } {
  const outages = clients.flatMap((client) => client.outages.filter((outage) => outage.lostAt >= since));
  return {
    backAfterMs: outages.filter((o) => o.backAt !== undefined).map((o) => (o.backAt ?? 0) - o.lostAt),
    notBack: outages.filter((o) => o.backAt === undefined).length,
  };
}

/**
 * A client that subscribes to the fleet and the alerts, then stops reading its socket (its TCP
 * receive buffer fills, the BFF's send buffer for it grows) for `pauseMs`, then reads again.
 * Reports whether the BFF dropped it and whether it caught up.
 */
export async function slowClient(
  url: string,
  pauseMs: number,
): Promise<{ disconnectReason: string | undefined; alertsAfterResume: number; reconnected: boolean; client: BenchClient }> {
  const client = new BenchClient(url);
  await client.ready();
  await subscribe(client.socket, 'fleet');
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  // engine.io's WebSocket transport in Node holds a `ws` socket; its net.Socket is what stops reading.
  const tcp = (client.socket.io.engine.transport as unknown as { ws?: { _socket?: { pause(): void; resume(): void } } }).ws?._socket;
  if (!tcp) throw new Error('the slow client found no TCP socket to pause (socket.io-client internals changed?)');
  let disconnectReason: string | undefined;
  client.socket.once('disconnect', (reason) => (disconnectReason = reason));
  tcp.pause();
  await new Promise((resolve) => setTimeout(resolve, pauseMs));
  const pushedBefore = client.alerts.pushed.size;
  tcp.resume();
  await new Promise((resolve) => setTimeout(resolve, 5_000));
  return {
    disconnectReason,
    alertsAfterResume: client.alerts.pushed.size - pushedBefore,
    reconnected: client.outages.some((outage) => outage.backAt !== undefined),
    client,
  };
}
