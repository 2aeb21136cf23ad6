
import type { Server as HttpServer } from 'node:http';

import { Server } from 'socket.io';
import type { Socket } from 'socket.io';

import type { Channel, SubscriptionAck } from '@/lib/realtime/channels';
import { channelKind, subscriptionRequestSchema } from '@/lib/realtime/channels';
import type { ClientToServerEvents, ServerToClientEvents } from '@/lib/realtime/events';

import type { Logger } from '../logger';
import { socketClients, socketRejections, socketSubscriptions } from '../metrics';


export type RealtimeServer = Server<ClientToServerEvents, ServerToClientEvents>;
export type RealtimeSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/** What a channel does when a client joins it, e.g. send the current snapshot. */
export type ChannelJoinHandler = (socket: RealtimeSocket, channel: Channel) => void;

/** Each channel is a room, so one broadcast frame reaches all its subscribers. */
export function roomOf(channel: Channel): string {
  return `channel:${channel}`;
}

export function createSocketServer(httpServer: HttpServer, logger: Logger, onJoin: ChannelJoinHandler): RealtimeServer {
  const io: RealtimeServer = new Server(httpServer, {
    serveClient: false,
    // A payload bigger than this is a misbehaving client, not a subscription.
    maxHttpBufferSize: 16_384,
    pingInterval: 10_000,
    pingTimeout: 8_000,
  });
  io.on('connection', (socket) => {
    socketClients.inc();
    socket.on('disconnect', () => socketClients.dec());
    socket.on('subscribe', (request, ack) => handleSubscription(socket, 'subscribe', request, ack, onJoin));
    socket.on('unsubscribe', (request, ack) => handleSubscription(socket, 'unsubscribe', request, ack, onJoin));
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

function handleSubscription(
  socket: RealtimeSocket,
  verb: 'subscribe' | 'unsubscribe',
  request: unknown,
  ack: unknown,
  onJoin: ChannelJoinHandler,
): void {
  // A client without an acknowledgement callback gets no answer, but its request is still counted.
  const reply = typeof ack === 'function' ? (ack as (result: SubscriptionAck) => void) : () => undefined;
  const parsed = subscriptionRequestSchema.safeParse(request);
  if (!parsed.success) {
    socketRejections.inc({ reason: 'invalid-request' });
    reply({ error: { code: 'invalid_request', message: `${verb} expects {channel}: ${parsed.error.issues[0]?.message ?? 'invalid'}` } });
    return;
  }
  const { channel } = parsed.data;
  if (verb === 'unsubscribe') {
    void socket.leave(roomOf(channel));
    reply({ ok: true });
    return;
  }
  void socket.join(roomOf(channel));
  reply({ ok: true });
  onJoin(socket, channel);
}
