import { monitorEventLoopDelay } from 'node:perf_hooks';

import { LoadClients } from '../fleet/load-clients';

import type { WorkerReply, WorkerRequest } from './client-pool';
import { ALERT_ID_PREFIX } from './client-pool';

/**
 * One client process of `npm run bench:clients` (forked by ClientPool): raw Socket.IO clients
 * (bench/fleet/load-clients.ts) that note when each of the benchmark's alerts reached each of them.
 * Its own event-loop delay says whether those receipt times can be trusted: a client process
 * that is behind stamps late.
 */
const receipts = new Map<string, number[]>();
const HEAD = '42["alert:upsert",';
const ALERT_ID = new RegExp(`"alertId":"(${ALERT_ID_PREFIX}[^"]+)"`);

function onEvent(frame: Buffer): void {
  const at = Date.now();
  // Only alert frames are decoded, and only as far as their id: sales, zones and fleet frames are counted, not read.
  if (frame.length < HEAD.length || frame.toString('latin1', 0, HEAD.length) !== HEAD) return;
  const alertId = ALERT_ID.exec(frame.toString('utf8'))?.[1];
  if (!alertId) return;
  const times = receipts.get(alertId) ?? [];
  times.push(at);
  receipts.set(alertId, times);
}

const clients = new LoadClients(onEvent, 25);
const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();

function reply(message: WorkerReply): void {
  process.send?.(message);
}

async function handle(request: WorkerRequest): Promise<void> {
  if (request.kind === 'open') {
    try {
      for (const group of request.groups) await clients.add(request.url, group.count, group);
      reply({ kind: 'opened', clients: clients.count });
    } catch (error) {
      reply({ kind: 'failed', message: (error as Error).message });
    }
  } else if (request.kind === 'collect') {
    reply({
      kind: 'collected',
      receipts: Object.fromEntries(receipts),
      bytes: clients.bytes,
      loopP99Ms: delay.percentile(99) / 1e6,
      loopMaxMs: delay.max / 1e6,
    });
    receipts.clear();
    delay.reset();
  } else {
    clients.close();
    process.exit(0);
  }
}

process.on('message', (request: WorkerRequest) => void handle(request));
reply({ kind: 'ready' });
