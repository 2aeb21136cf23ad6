import WebSocket from 'ws';

import { rssMb } from '../fleet/proc-stats';

export interface BffMemory {
  rssMb: number;
  /** V8 heap in use right after a full garbage collection: what the process holds, not what it has yet to collect. */
  heapMb: number;
}

/**
 * What the benchmark reads from the one BFF: memory through Node's inspector (the BFF is started
 * with `--inspect` on loopback for this run only, so a full GC can precede each heap reading and
 * figures per connection are not the garbage of the moment) and event-loop delay from its own
 * `/metrics` (prom-client's `nodejs_eventloop_lag_*`, monitorEventLoopDelay at 20 ms resolution,
 * reset at every scrape: one scrape opens a window, the next reads it).
 */
export class BffProbe {
  private inspector: WebSocket | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();

  constructor(
    private readonly url: string,
    private readonly pid: number,
    private readonly inspectorPort: number,
  ) {}

  async connect(): Promise<void> {
    const targets = (await (await fetch(`http://127.0.0.1:${this.inspectorPort}/json/list`)).json()) as { webSocketDebuggerUrl: string }[];
    const target = targets[0];
    if (!target) throw new Error(`the BFF's inspector on ${this.inspectorPort} lists no target`);
    const socket = new WebSocket(target.webSocketDebuggerUrl);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { id?: number; result?: unknown };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
      if (message.id !== undefined) this.pending.delete(message.id);
    });
    this.inspector = socket;
    await this.call('HeapProfiler.enable');
  }

  async memory(): Promise<BffMemory> {
    await this.call('HeapProfiler.collectGarbage');
    const result = (await this.call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true })) as {
      result: { value: number };
    };
    return { rssMb: rssMb(this.pid), heapMb: result.result.value / 1024 / 1024 };
  }

  /** Event-loop delay since the previous call (the first call only opens the window). */
  async eventLoop(): Promise<{ p99Ms: number; maxMs: number }> {
    const text = await (await fetch(`${this.url}/metrics`)).text();
    const seconds = (name: string) => Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
    return { p99Ms: seconds('nodejs_eventloop_lag_p99_seconds') * 1000, maxMs: seconds('nodejs_eventloop_lag_max_seconds') * 1000 };
  }

  close(): void {
    this.inspector?.close();
  }

  private call(method: string, params: Record<string, unknown> = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the BFF's inspector did not answer ${method} within 60 s`)), 60_000);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
      this.inspector?.send(JSON.stringify({ id, method, params }));
    });
  }
}
