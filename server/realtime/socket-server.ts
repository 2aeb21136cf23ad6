import type { Server as HttpServer } from 'node:http';

import { Server } from 'socket.io';
import type { Socket } from 'socket.io';

import { maySubscribe } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/roles';
import type { Channel, SubscriptionAck } from '@/lib/realtime/channels';
import { channelKind, subscriptionRequestSchema } from '@/lib/realtime/channels';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';
import type { Logger } from '@/platform/logger';

import { identify } from '../auth/identity';
import { RateLimiter } from '../auth/rate-limiter';
import type { AuthConfig } from '../config';
import { socketClients, socketRejections, socketSubscriptions } from '../metrics';

interface SocketData {
  identity: Identity;
  rejections: number;
}

export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/** What a channel does when a client joins it, e.g. send the current snapshot. */
export type ChannelJoinHandler = (socket: RealtimeSocket, channel: Channel) => void;

/** A client refused this often is not a confused browser but a misbehaving one: it is disconnected. */
const MAX_REJECTIONS_PER_CONNECTION = 1_000;

/** Each channel is a room, so one broadcast frame reaches all its subscribers. */
export function roomOf(channel: Channel): string {
  return `channel:${channel}`;
}

export function createSocketServer(httpServer: HttpServer, auth: AuthConfig, logger: Logger, onJoin: ChannelJoinHandler): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // A payload bigger than this is a misbehaving client, not a subscription.
    maxHttpBufferSize: 16_384,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const limiter = new RateLimiter(auth.socketEventsPerSecond * 2, auth.socketEventsPerSecond);
  // The same credentials as HTTP: the session cookie of the page, or an API token in `auth.token`.
  io.use((socket, next) => {
    identify(socket.request.headers, auth, (socket.handshake.auth as { token?: unknown }).token)
      .then((result) => {
        if (!result.identity) {
          socketRejections.inc({ reason: 'unauthorized' });
          return next(new Error(result.problem === 'invalid_token' ? 'invalid_token' : 'unauthorized'));
        }
        socket.data.identity = result.identity;
        socket.data.rejections = 0;
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });
  io.on('connection', (socket) => {
    socketClients.inc();
    socket.on('disconnect', () => {
      socketClients.dec();
      limiter.forget(socket.id);
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event !== 'subscribe' && event !== 'unsubscribe') refuse(socket, args.at(-1), 'unknown-event', 'unknown_event', `No event "${event.slice(0, 64)}"; use subscribe or unsubscribe.`);
    });
    for (const verb of ['subscribe', 'unsubscribe'] as const) {
      socket.on(verb, (request: unknown, ack: unknown) => {
        if (!limiter.take(socket.id)) return refuse(socket, ack, 'rate-limited', 'rate_limited', 'Too many requests; slow down.');
        handleSubscription(socket, verb, request, ack, onJoin);
      });
    }
  });
  io.of('/').adapter.on('join-room', (room: string) => room.startsWith('channel:') && countRoom(room, +1));
  io.of('/').adapter.on('leave-room', (room: string) => room.startsWith('channel:') && countRoom(room, -1));
  logger.info('Socket.IO attached');
  return io;
}

function countRoom(room: string, delta: number): void {
  const channel = room.slice('channel:'.length) as Channel;
  socketSubscriptions.inc({ channel: channelKind(channel) }, delta);
}

function handleSubscription(socket: RealtimeSocket, verb: 'subscribe' | 'unsubscribe', request: unknown, ack: unknown, onJoin: ChannelJoinHandler): void {
  const parsed = subscriptionRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    return refuse(socket, ack, 'invalid-request', 'invalid_request', `${verb} expects {channel}: ${problem ? `${problem.path.join('.') || 'payload'}: ${problem.message}` : 'invalid'}`);
  }
  const { channel } = parsed.data;
  if (verb === 'unsubscribe') {
    void socket.leave(roomOf(channel));
    return reply(ack, { ok: true });
  }
  if (!maySubscribe(socket.data.identity.role, channel)) {
    return refuse(socket, ack, 'forbidden', 'forbidden', `Role ${socket.data.identity.role} may not subscribe to ${channel}.`);
  }
  void socket.join(roomOf(channel));
  reply(ack, { ok: true });
  onJoin(socket, channel);
}

function refuse(socket: RealtimeSocket, ack: unknown, reason: string, code: string, message: string): void {
  socketRejections.inc({ reason });
  reply(ack, { error: { code, message } });
  socket.data.rejections += 1;
  if (socket.data.rejections >= MAX_REJECTIONS_PER_CONNECTION) socket.disconnect(true);
}

/** A client without an acknowledgement callback gets no answer, but its request is still counted. */
function reply(ack: unknown, result: SubscriptionAck): void {
  if (typeof ack === 'function') (ack as (result: SubscriptionAck) => void)(result);
}
