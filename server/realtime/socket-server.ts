import type { IncomingHttpHeaders, Server as HttpServer } from 'node:http';

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
import type { RevokedSessions } from '../auth/sessions';
import type { AuthConfig } from '../config';
import { socketClients, socketRejections, socketSubscriptions } from '../metrics';

interface SocketData {
  identity: Identity;
  /** The session's id, for a cookie-authenticated socket: signing out closes it. */
  sid?: string;
  /** Per user (`via:name`): limits follow the person, not the connection, which is cheap to open. */
  userKey: string;
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

export function createSocketServer(
  httpServer: HttpServer,
  auth: AuthConfig,
  revoked: RevokedSessions,
  logger: Logger,
  onJoin: ChannelJoinHandler,
): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // WebSocket only, as the product's client connects: a long-polling session is many requests that
    // must all reach this instance, which breaks behind a load balancer without sticky sessions.
    transports: ['websocket'],
    // A payload bigger than this is a misbehaving client, not a subscription.
    maxHttpBufferSize: 16_384,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  const limiter = new RateLimiter(auth.socketEventsPerSecond * 2, auth.socketEventsPerSecond);
  const connections = new Map<string, number>();
  const origin = new URL(auth.publicUrl).origin;
  // The same credentials as HTTP: the session cookie of the page, or an API token in `auth.token`.
  io.use((socket, next) => {
    identify(socket.request.headers, auth, revoked, (socket.handshake.auth as { token?: unknown }).token)
      .then((result) => {
        const refusal = handshakeRefusal(result, socket.request.headers, origin, connections, auth.socketConnectionsPerUser);
        if (refusal || !result.identity) {
          socketRejections.inc({ reason: refusal ?? 'unauthorized' });
          if (refusal === 'cross_origin') logger.warn({ origin: socket.request.headers.origin }, 'refused a cross-site socket');
          return next(new Error(refusal ?? 'unauthorized'));
        }
        socket.data.identity = result.identity;
        socket.data.sid = result.session?.sid;
        socket.data.userKey = `${result.identity.via}:${result.identity.name}`;
        socket.data.rejections = 0;
        next();
      })
      .catch(() => next(new Error('unauthorized')));
  });
  io.on('connection', (socket) => {
    socketClients.inc();
    const user = socket.data.userKey;
    connections.set(user, (connections.get(user) ?? 0) + 1);
    socket.on('disconnect', () => {
      socketClients.dec();
      const left = (connections.get(user) ?? 1) - 1;
      if (left > 0) connections.set(user, left);
      else connections.delete(user);
    });
    socket.onAny((event: string, ...args: unknown[]) => {
      if (event !== 'subscribe' && event !== 'unsubscribe')
        refuse(socket, args.at(-1), 'unknown-event', 'unknown_event', `No event "${event.slice(0, 64)}"; use subscribe or unsubscribe.`);
    });
    for (const verb of ['subscribe', 'unsubscribe'] as const) {
      socket.on(verb, (request: unknown, ack: unknown) => {
        if (!limiter.take(socket.data.userKey)) return refuse(socket, ack, 'rate-limited', 'rate_limited', 'Too many requests; slow down.');
        handleSubscription(socket, verb, request, ack, onJoin);
      });
    }
  });
  io.of('/').adapter.on('join-room', (room: string) => room.startsWith('channel:') && countRoom(room, +1));
  io.of('/').adapter.on('leave-room', (room: string) => room.startsWith('channel:') && countRoom(room, -1));
  watchSessions(io, auth, revoked, logger);
  logger.info('Socket.IO attached');
  return io;
}

/**
 * Why a handshake is refused, if it is: no identity; a cookie sent from another origin (a page on
 * another port of this site carries the cookie too; token clients are exempt, a browser never
 * adds a token by itself); or one user holding too many connections already.
 */
function handshakeRefusal(
  result: Awaited<ReturnType<typeof identify>>,
  headers: IncomingHttpHeaders,
  origin: string,
  connections: Map<string, number>,
  maxPerUser: number,
): string | undefined {
  if (!result.identity) return result.problem === 'invalid_token' ? 'invalid_token' : 'unauthorized';
  if (result.identity.via === 'session' && !handshakeFromOrigin(headers, origin)) return 'cross_origin';
  if ((connections.get(`${result.identity.via}:${result.identity.name}`) ?? 0) >= maxPerUser) return 'too_many_connections';
  return undefined;
}

/**
 * Browsers send Origin with every WebSocket handshake; a same-origin polling request may omit
 * it, and then its Sec-Fetch-Site says whether it came from our own pages.
 */
function handshakeFromOrigin(headers: IncomingHttpHeaders, origin: string): boolean {
  if (headers.origin !== undefined) return headers.origin === origin;
  return headers['sec-fetch-site'] === 'same-origin';
}

/**
 * Sessions end while sockets stay open: a sign-out closes that session's sockets at once, and
 * every `sessionRecheckMs` each socket's credentials are checked again as a new request's would
 * be (lifetime, revocation, removed user, changed role). A socket whose session ended or whose
 * role changed is disconnected (its channels and alert teams were granted to the old role); the
 * client's reconnect then meets the handshake's checks with the new one.
 */
function watchSessions(io: RealtimeServer, auth: AuthConfig, revoked: RevokedSessions, logger: Logger): void {
  revoked.onRevoke((sid) => {
    for (const socket of io.of('/').sockets.values()) if (socket.data.sid === sid) endSocket(socket, 'signed-out', logger);
  });
  const timer = setInterval(() => {
    for (const socket of io.of('/').sockets.values()) void recheck(socket, auth, revoked, logger);
  }, auth.sessionRecheckMs);
  // Lives as long as the process: it must not keep a shutting-down process alive.
  timer.unref();
}

async function recheck(socket: RealtimeSocket, auth: AuthConfig, revoked: RevokedSessions, logger: Logger): Promise<void> {
  const result = await identify(socket.request.headers, auth, revoked, (socket.handshake.auth as { token?: unknown }).token).catch(() => undefined);
  const identity = result?.identity;
  if (!identity) return endSocket(socket, 'session-ended', logger);
  // Any change of role: which channels and which teams' alerts it may see were decided with the old one.
  if (identity.role !== socket.data.identity.role) return endSocket(socket, 'role-changed', logger);
}

function endSocket(socket: RealtimeSocket, reason: string, logger: Logger): void {
  socketRejections.inc({ reason });
  logger.info({ user: socket.data.identity.name, reason }, 'closed a socket whose session ended');
  socket.disconnect(true);
}

function countRoom(room: string, delta: number): void {
  const channel = room.slice('channel:'.length) as Channel;
  socketSubscriptions.inc({ channel: channelKind(channel) }, delta);
}

function handleSubscription(socket: RealtimeSocket, verb: 'subscribe' | 'unsubscribe', request: unknown, ack: unknown, onJoin: ChannelJoinHandler): void {
  const parsed = subscriptionRequestSchema.safeParse(request);
  if (!parsed.success) {
    const problem = parsed.error.issues[0];
    return refuse(
      socket,
      ack,
      'invalid-request',
      'invalid_request',
      `${verb} expects {channel}: ${problem ? `${problem.path.join('.') || 'payload'}: ${problem.message}` : 'invalid'}`,
    );
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
