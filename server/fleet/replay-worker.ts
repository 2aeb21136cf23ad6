import fs from 'node:fs';
import os from 'node:os';

import { createKafka } from '@/platform/kafka/client';
import { getLogger } from '@/platform/logger';

import { isReplayError, ReplayService } from './replay-service';
import { encodeBody, jsonSegments, stepSources, stepsSegments, toPieces } from './replay-step-bytes';
import { ANSWER_PIECE_BYTES } from './replay-worker-protocol';
import type { FromReplayWorker, ReplayFailure, ReplayWorkerData, StepSource, ToReplayWorker } from './replay-worker-protocol';

/**
 * The replay worker's process (started by ReplayWorkerClient): one ReplayService with its own Kafka
 * client, so reading, folding and serializing replays never holds up the BFF's live push. It is a
 * process rather than a thread so that all of its CPU, its garbage collection included, can run
 * behind the live stack: a worker thread's collections ran on V8 helper threads it shares with the
 * BFF's main thread, at the main thread's priority (0.29 cores with 10 viewers at 60×).
 */
const send = process.send?.bind(process);
if (!send) throw new Error('server/fleet/replay-worker.ts runs as a child process with an IPC channel (see ReplayWorkerClient)');

/**
 * Where CPU is short, the live stream comes first. The client starts this process under SCHED_IDLE
 * where it can; this lowers it further: its threads to a nice of 19 (what counts where SCHED_IDLE
 * could not be had), and on Linux with autogroup scheduling its session's group too (the client
 * starts it in a session of its own), so it also yields to the broker, the stream jobs and the
 * simulator on a shared machine.
 */
const REPLAY_NICE = 19;
lowerThisProcessesPriority(REPLAY_NICE);

const logger = getLogger('replay');
const running = new Map<number, AbortController>();
let service: ReplayService | undefined;

// The BFF gone (stopped, or killed with no chance to say so): nothing is left to answer.
process.on('disconnect', () => process.exit(0));

process.on('message', (message: ToReplayWorker) => {
  if (message.type === 'start') {
    service ??= startService(message.data);
    return;
  }
  if (message.type === 'abort') return running.get(message.id)?.abort();
  const controller = new AbortController();
  running.set(message.id, controller);
  const pickedUp = Date.now();
  call(message, controller.signal)
    .then(({ parts, worked, sources }) => {
      const bytes = parts.reduce((sum, part) => sum + part.length, 0);
      // Where a slow answer's time went: waiting for this process, the replay itself, serializing it (and where steps came from).
      logger.info(
        {
          method: message.method,
          queuedMs: pickedUp - message.sentAt,
          workMs: worked - pickedUp,
          serializeMs: Date.now() - worked,
          bytes,
          ...(sources ? { sources } : {}),
        },
        'replay answered',
      );
      for (const bytes of toPieces(parts, ANSWER_PIECE_BYTES)) reply({ type: 'piece', id: message.id, bytes });
      reply({ type: 'done', id: message.id });
    })
    .catch((error: unknown) => reply({ type: 'failed', id: message.id, error: failure(error) }))
    .finally(() => running.delete(message.id));
});

function startService(data: ReplayWorkerData): ReplayService {
  return new ReplayService(createKafka(data.kafka, data.clientIdSuffix), data.replay, data.rules, logger, Date.now, (active) =>
    reply({ type: 'sessions', active }),
  );
}

/** A send to a BFF that has just gone fails; the disconnect handler ends this process. */
function reply(message: FromReplayWorker): void {
  if (process.connected) send?.(message, undefined, {}, () => undefined);
}

/** The answer's body in parts as it is sent, when the replay itself was done (the rest is encoding), and for steps where they came from. */
async function call(
  message: Extract<ToReplayWorker, { type: 'call' }>,
  signal: AbortSignal,
): Promise<{ parts: Uint8Array[]; worked: number; sources?: Record<StepSource, number> }> {
  if (!service) throw new Error('the replay worker was called before it was started');
  const { method, args, encoding } = message;
  const json = async (answer: Promise<unknown>) => {
    const value = await answer;
    const worked = Date.now();
    return { worked, parts: encodeBody(jsonSegments(value), encoding) };
  };
  // The arguments were typed by ReplayCalls on the sending side; the tuple casts only restore that.
  switch (method) {
    case 'scene':
      return json(service.scene(...(args as [number]), signal));
    case 'steps': {
      // Its vehicles come serialized per step (and deflated, once), cached ones included: only the frame around them is encoded here.
      const answer = await service.steps(...(args as [number, number, number]), signal);
      const sources = stepSources(answer);
      reply({ type: 'steps', sources, cacheBytes: service.stepCacheBytes() });
      return { worked: Date.now(), parts: encodeBody(stepsSegments(answer), encoding), sources };
    }
    case 'timeline':
      return json(service.timeline(...(args as [number, number, number]), signal));
    case 'trip':
      return json(service.trip(...(args as [string, { from?: number; to?: number }]), signal));
  }
}

function failure(error: unknown): ReplayFailure {
  if (isReplayError(error)) return { name: error.name, message: error.message, status: error.status, code: error.code };
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

function lowerThisProcessesPriority(nice: number): void {
  try {
    fs.writeFileSync('/proc/self/autogroup', String(nice));
  } catch {
    // No autogroup scheduling (a container's cgroup, another OS): the threads' nice below still applies.
  }
  try {
    // setpriority(2) on Linux takes one thread: V8's helper threads exist already; threads started later inherit the nice.
    for (const threadId of fs.readdirSync('/proc/self/task')) os.setPriority(Number(threadId), nice);
  } catch {
    // Not Linux, or not allowed: the replay shares the CPU evenly, which is only slower for live under load.
  }
}
