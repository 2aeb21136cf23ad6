import WebSocket from 'ws';

import type { Channel } from '../../lib/realtime/channels';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

export interface LoadClientGroup {
  /** The API token the clients present (default: the demo's admin token). */
  token?: string;
  /** What each client subscribes to, in this order (default: the fleet). */
  channels?: readonly Channel[];
}

/**
 * Many subscribers that cost the benchmark process almost nothing: raw WebSockets speaking just
 * enough of the Engine.IO / Socket.IO protocol (open, connect with the token, subscribe, answer
 * pings) and counting bytes without decoding frames. The BFF cannot tell them from browsers.
 * `onEvent` sees every event frame (`42[...]`) undecoded, e.g. to time the arrival of one event.
 */
export class LoadClients {
  private readonly sockets: WebSocket[] = [];
  bytes = 0;
  subscribed = 0;

  constructor(
    private readonly onEvent: (frame: Buffer) => void = () => undefined,
    /** Clients opening at once, as browsers arriving over a few seconds would, not one thundering herd. */
    private readonly parallel = 10,
  ) {}

  get count(): number {
    return this.sockets.length;
  }

  async add(url: string, count: number, group: LoadClientGroup = {}): Promise<void> {
    const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const token = group.token ?? DEMO_ADMIN_TOKEN;
    const channels = group.channels ?? ['fleet'];
    for (let opened = 0; opened < count; opened += this.parallel) {
      await Promise.all(Array.from({ length: Math.min(this.parallel, count - opened) }, () => this.open(wsUrl, token, channels)));
    }
  }

  private open(wsUrl: string, token: string, channels: readonly Channel[]): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl);
      this.sockets.push(socket);
      let acks = 0;
      const fail = (error: Error) => {
        clearTimeout(timer);
        reject(error);
      };
      const timer = setTimeout(() => fail(new Error('load client did not subscribe within 60 s')), 60_000);
      socket.on('message', (data: Buffer) => {
        this.bytes += data.length;
        const type = data[0];
        // '2' ping → '3' pong; '0' open → connect to the namespace with the token; '40' connected →
        // subscribe (ack ids 1..n); '43<id>' acknowledgement; '44' the namespace refused the connection.
        if (type === 0x32 && data.length === 1) socket.send('3');
        else if (type === 0x34 && data[1] === 0x32) this.onEvent(data);
        else if (type === 0x30) socket.send(`40${JSON.stringify({ token })}`);
        else if (type === 0x34 && data[1] === 0x30) channels.forEach((channel, i) => socket.send(`42${i + 1}${JSON.stringify(['subscribe', { channel }])}`));
        else if (type === 0x34 && data[1] === 0x34) fail(new Error(`load client refused: ${data.toString()}`));
        else if (type === 0x34 && data[1] === 0x33) {
          if (data.includes('"error"')) return fail(new Error(`load client's subscription refused: ${data.toString()}`));
          acks += 1;
          if (acks < channels.length) return;
          this.subscribed += 1;
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('error', fail);
      socket.on('close', () => fail(new Error('load client closed before it subscribed')));
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.length = 0;
  }
}
