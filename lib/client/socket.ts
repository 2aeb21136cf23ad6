'use client';

import { io } from 'socket.io-client';
import type { Socket } from 'socket.io-client';

import type { Channel, SubscriptionAck } from '../realtime/channels';
import type { ClientToServerEvents, ServerToClientEvents } from '../realtime/events';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';
type RealtimeClient = Socket<ServerToClientEvents, ClientToServerEvents>;

/** After this long without a connection "reconnecting" becomes "offline" (it still keeps trying). */
const OFFLINE_AFTER_MS = 15_000;

/**
 * The browser's one Socket.IO connection and the channels it holds. Components never touch the
 * socket: hooks ask for a channel here, and every channel is subscribed again after a reconnect.
 */
class RealtimeConnection {
  private socket: RealtimeClient | undefined;
  private state: ConnectionState = 'connecting';
  private readonly stateListeners = new Set<() => void>();
  private readonly channelRefs = new Map<Channel, number>();
  private offlineTimer: ReturnType<typeof setTimeout> | undefined;

  getState = (): ConnectionState => this.state;

  onStateChange = (listener: () => void): (() => void) => {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  };

  /** Holds a channel open while the returned function has not been called. */
  hold(channel: Channel): () => void {
    const socket = this.connect();
    const refs = this.channelRefs.get(channel) ?? 0;
    this.channelRefs.set(channel, refs + 1);
    if (refs === 0 && socket.connected) this.subscribe(channel);
    return () => {
      const left = (this.channelRefs.get(channel) ?? 1) - 1;
      if (left > 0) return this.channelRefs.set(channel, left);
      this.channelRefs.delete(channel);
      if (socket.connected) socket.emit('unsubscribe', { channel }, () => undefined);
    };
  }

  on<E extends keyof ServerToClientEvents>(event: E, listener: ServerToClientEvents[E]): () => void {
    const socket = this.connect();
    // socket.io-client's overloads cannot follow a generic event name; the types above still pin it.
    (socket.on as (e: string, l: unknown) => void)(event, listener);
    return () => (socket.off as (e: string, l: unknown) => void)(event, listener);
  }

  private connect(): RealtimeClient {
    if (this.socket) return this.socket;
    // WebSocket only: one connection stays with one BFF instance, so N instances behind a load balancer need no sticky sessions (long-polling would: its requests must all reach one instance).
    const socket: RealtimeClient = io({ transports: ['websocket'], reconnectionDelayMax: 3_000 });
    socket.on('connect', () => {
      clearTimeout(this.offlineTimer);
      this.offlineTimer = undefined;
      for (const channel of this.channelRefs.keys()) this.subscribe(channel);
      this.setState('live');
    });
    socket.on('disconnect', () => this.lost());
    socket.on('connect_error', (error) => {
      // The session ended (expired, signed out elsewhere): a new sign-in is the only way back.
      if (error.message === 'unauthorized') window.location.assign(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      else this.lost();
    });
    this.socket = socket;
    return socket;
  }

  private lost(): void {
    if (this.state === 'offline') return;
    this.setState(typeof navigator !== 'undefined' && !navigator.onLine ? 'offline' : 'reconnecting');
    this.offlineTimer ??= setTimeout(() => this.setState('offline'), OFFLINE_AFTER_MS);
  }

  private subscribe(channel: Channel): void {
    this.socket?.emit('subscribe', { channel }, (result: SubscriptionAck) => {
      if ('error' in result) console.error(`subscribe ${channel} refused: ${result.error.message}`);
    });
  }

  private setState(state: ConnectionState): void {
    if (state === this.state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener();
  }
}

export const realtime = new RealtimeConnection();
