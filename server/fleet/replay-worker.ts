import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';

import { createKafka } from '@/platform/kafka/client';
import { getLogger } from '@/platform/logger';

import { isReplayError, ReplayService } from './replay-service';
import type { FromReplayWorker, ReplayFailure, ReplayWorkerData, ToReplayWorker } from './replay-worker-protocol';

/**
 * The replay worker's thread (started by ReplayWorkerClient): one ReplayService with its own Kafka
 * client, so reading, folding and serializing replays never holds up the main thread's live push.
 */
const port = parentPort;
if (!port) throw new Error('server/fleet/replay-worker.ts runs as a worker thread (see ReplayWorkerClient)');

/**
 * Where CPU is short, the live push comes first: this thread runs at a lower priority (a nice of
 * 10). Linux keeps a nice per thread; elsewhere the thread keeps the process's priority.
 */
const REPLAY_NICE = 10;
lowerThisThreadsPriority(REPLAY_NICE);

const data = workerData as ReplayWorkerData;
const send = (message: FromReplayWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const utf8 = new TextEncoder();
const logger = getLogger('replay');
const service = new ReplayService(createKafka(data.kafka, data.clientIdSuffix), data.replay, data.rules, logger, Date.now, (active) =>
  send({ type: 'sessions', active }),
);
const running = new Map<number, AbortController>();

port.on('message', (message: ToReplayWorker) => {
  if (message.type === 'abort') return running.get(message.id)?.abort();
  const controller = new AbortController();
  running.set(message.id, controller);
  const pickedUp = Date.now();
  call(message, controller.signal)
    .then((answer) => {
      const worked = Date.now();
      // A buffer of its own (never Buffer's shared pool), so moving it to the main thread moves nothing else.
      const body = utf8.encode(JSON.stringify(answer));
      // Where a slow answer's time went: waiting for this thread, the replay itself, serializing it.
      // Logged before the send, which moves the buffer and leaves `body` empty here.
      logger.info(
        { method: message.method, queuedMs: pickedUp - message.sentAt, workMs: worked - pickedUp, serializeMs: Date.now() - worked, bytes: body.length },
        'replay answered',
      );
      send({ type: 'done', id: message.id, body }, [body.buffer as ArrayBuffer]);
    })
    .catch((error: unknown) => send({ type: 'failed', id: message.id, error: failure(error) }))
    .finally(() => running.delete(message.id));
});

function call(message: Extract<ToReplayWorker, { type: 'call' }>, signal: AbortSignal): Promise<unknown> {
  const { method, args } = message;
  // The arguments were typed by ReplayCalls on the sending side; the tuple casts only restore that.
  switch (method) {
    case 'scene':
      return service.scene(...(args as [number]), signal);
    case 'steps':
      return service.steps(...(args as [number, number, number]), signal);
    case 'timeline':
      return service.timeline(...(args as [number, number, number]), signal);
    case 'trip':
      return service.trip(...(args as [string, { from?: number; to?: number }]), signal);
  }
}

function failure(error: unknown): ReplayFailure {
  if (isReplayError(error)) return { name: error.name, message: error.message, status: error.status, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function lowerThisThreadsPriority(nice: number): void {
  try {
    // "<pid>/task/<tid>": the kernel's id of this thread, which setpriority(2) takes for just this thread.
    const threadId = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(threadId)) os.setPriority(threadId, nice);
  } catch {
    // Not Linux, or not allowed: the replay shares the CPU evenly, which is only slower for live under load.
  }
}
