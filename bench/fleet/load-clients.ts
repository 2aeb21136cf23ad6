import WebSocket from 'ws';

import { DEMO_ADMIN_TOKEN } from '../../server/config';

/**
 * Many `fleet` subscribers that cost the benchmark process almost nothing: raw WebSockets speaking
 * just enough of the Engine.IO / Socket.IO protocol (open, connect with the token, subscribe, answer
 * pings) and counting bytes without decoding frames. The BFF cannot tell them from browsers.
 */
export class LoadClients {
  private readonly sockets: WebSocket[] = [];
  bytes = 0;
  subscribed = 0;

  get count(): number {
    return this.sockets.length;
  }

  async add(url: string, count: number): Promise<void> {
    const wsUrl = `${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    // Ten at a time, as browsers arriving over a few seconds would, not one thundering herd.
    for (let opened = 0; opened < count; opened += 10) await Promise.all(Array.from({ length: Math.min(10, count - opened) }, () => this.open(wsUrl)));
  }

  private open(wsUrl: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(wsUrl);
      this.sockets.push(socket);
      const timer = setTimeout(() => reject(new Error('load client did not subscribe within 60 s')), 60_000);
      socket.on('message', (data: Buffer) => {
        this.bytes += data.length;
        const type = data[0];
        // '2' ping → '3' pong; '0' open → connect to the namespace with the token; '40' connected → subscribe.
        if (type === 0x32 && data.length === 1) socket.send('3');
        else if (type === 0x30) socket.send(`40${JSON.stringify({ token: DEMO_ADMIN_TOKEN })}`);
        else if (type === 0x34 && data[1] === 0x30) socket.send('421["subscribe",{"channel":"fleet"}]');
        else if (type === 0x34 && data[1] === 0x33 && data[2] === 0x31) {
          this.subscribed += 1;
          clearTimeout(timer);
          resolve();
        }
      });
      socket.on('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
    });
  }

  close(): void {
    for (const socket of this.sockets) socket.terminate();
    this.sockets.length = 0;
  }
}
