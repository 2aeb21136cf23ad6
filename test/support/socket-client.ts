import type { Socket } from 'socket.io-client';
import { io } from 'socket.io-client';

import type { Channel, SubscriptionAck } from '../../lib/realtime/channels';
import type { ClientToServerEvents, ServerToClientEvents } from '../../lib/realtime/events';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * Connects as a machine client with an API token (the demo's admin token unless told otherwise),
 * or with a session cookie as the product's own page does: from the BFF's origin, as a browser
 * says in the handshake's Origin header (`origin` overrides it, e.g. to play another site).
 */
export async function connectSocket(url: string, token: string | null = DEMO_ADMIN_TOKEN, cookie?: string, origin: string = url): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    timeout: 5_000,
    auth: token === null ? {} : { token },
    extraHeaders: cookie ? { cookie, origin } : undefined,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return socket;
}

export function subscribe(socket: TestSocket, channel: Channel | string): Promise<SubscriptionAck> {
  return new Promise((resolve) => socket.emit('subscribe', { channel } as { channel: Channel }, resolve));
}

/** Emits any payload as it is, for tests of what the server does with malformed requests. */
export function emitRaw(socket: TestSocket, event: string, payload: unknown): Promise<unknown> {
  return new Promise((resolve) => (socket.emit as (e: string, p: unknown, ack: (r: unknown) => void) => void)(event, payload, resolve));
}

/** Resolves with the first event payload that `match` accepts, or rejects after `timeoutMs`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs: number,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    // socket.io-client's overloads cannot follow a generic event name; bound, so `this` stays the socket.
    const on = socket.on.bind(socket) as (e: string, l: (p: Parameters<ServerToClientEvents[E]>[0]) => void) => void;
    const off = socket.off.bind(socket) as (e: string, l: (p: Parameters<ServerToClientEvents[E]>[0]) => void) => void;
    const timer = setTimeout(() => {
      off(event, listener);
      reject(new Error(`no matching ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      off(event, listener);
      resolve(payload);
    };
    on(event, listener);
  });
}
