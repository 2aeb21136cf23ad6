import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import zlib from 'node:zlib';

import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { REPLAY_ERRORS } from '@/lib/contracts/replay';
import { loadKafkaSettings } from '@/platform/kafka/settings';

import { BODY_ENCODING_HEADER } from '../http/body-encoding';
import { jsonBytesResponse } from '../http/responses';
import { replayStepCacheBytes, replayStepsServed } from '../metrics';

import { processHandle, ReplayWorkerClient } from './replay-client';
import type { ReplayWorkerHandle } from './replay-client';
import { isReplayError } from './replay-service';
import type { FromReplayWorker, JsonBytes, ReplayWorkerData, ToReplayWorker } from './replay-worker-protocol';

const utf8 = (json: string) => new TextEncoder().encode(json);
const textOf = (answer: JsonBytes<unknown>) => Buffer.concat(answer.pieces).toString('utf8');

/** `bytes` cut every `size` bytes, as the worker cuts an answer into pieces (here small enough to split characters). */
function piecesOf(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) pieces.push(bytes.subarray(offset, offset + size));
  return pieces;
}

async function stepsServed(): Promise<Record<string, number>> {
  const { values } = await replayStepsServed.get();
  return Object.fromEntries(values.map((value) => [String(value.labels.source), value.value]));
}

/** A worker process as the client sees it: what it was sent, and a way to answer or die. */
class FakeWorker extends EventEmitter implements ReplayWorkerHandle {
  readonly sent: ToReplayWorker[] = [];
  terminated = false;

  postMessage(message: ToReplayWorker): void {
    this.sent.push(message);
  }

  answer(message: FromReplayWorker): void {
    this.emit('message', message);
  }

  /** An answer as the worker sends it: its pieces, then `done`. */
  answerJson(id: number, json: string, pieceBytes = 3): void {
    for (const bytes of piecesOf(utf8(json), pieceBytes)) this.answer({ type: 'piece', id, bytes });
    this.answer({ type: 'done', id });
  }

  async terminate(): Promise<number> {
    this.terminated = true;
    return 1;
  }

  lastCallId(): number {
    const call = this.sent.filter((m) => m.type === 'call').at(-1);
    if (!call) throw new Error('nothing was called');
    return call.id;
  }
}

const data = {
  kafka: { brokers: ['127.0.0.1:9092'] },
  clientIdSuffix: 'test-replay',
  replay: { retentionMs: 3_600_000 },
  rules: { offlineAfterMs: 30_000, delayedAfterMs: 5_000, frozenAfterMs: 120_000 },
} as unknown as ReplayWorkerData;

function client() {
  const workers: FakeWorker[] = [];
  const replay = new ReplayWorkerClient(
    data,
    pino({ level: 'silent' }),
    () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    () => 10_000_000,
  );
  return { replay, workers };
}

describe('ReplayWorkerClient', () => {
  it('sends each call to the worker with the encoding asked for and passes its encoded answer on untouched', async () => {
    const { replay, workers } = client();
    const scene = replay.scene(9_000_000, { encoding: 'deflate' });
    const worker = workers[0]!;
    expect(worker.sent).toEqual([{ type: 'call', id: 1, method: 'scene', args: [9_000_000], encoding: 'deflate', sentAt: 10_000_000 }]);
    const pieces = piecesOf(utf8('{"at":9000000}'), 4);
    for (const bytes of pieces) worker.answer({ type: 'piece', id: 1, bytes });
    worker.answer({ type: 'done', id: 1 });
    const answer = await scene;
    expect(answer.kind).toBe('json-bytes');
    expect(answer.encoding).toBe('deflate');
    expect(answer.pieces).toEqual(pieces);
    expect(answer.pieces.every((piece, i) => piece === pieces[i])).toBe(true);
  });

  it("counts the worker's playback steps by where they came from, and shows what its step cache holds", async () => {
    const { replay, workers } = client();
    const steps = replay.steps(1, 2, 15_000);
    const worker = workers[0]!;
    const before = await stepsServed();
    worker.answer({ type: 'steps', sources: { cache: 7, snapshots: 3, fixes: 0 }, cacheBytes: 8_100_000 });
    worker.answerJson(worker.lastCallId(), '{"steps":[]}');
    await steps;
    const after = await stepsServed();
    expect((after.cache ?? 0) - (before.cache ?? 0)).toBe(7);
    expect((after.snapshots ?? 0) - (before.snapshots ?? 0)).toBe(3);
    expect((await replayStepCacheBytes.get()).values[0]?.value).toBe(8_100_000);
  });

  it('answers the retention on the main thread, without the worker', () => {
    const { replay, workers } = client();
    expect(replay.retention()).toEqual({ retentionMs: 3_600_000, oldestAt: 10_000_000 - 3_600_000 });
    expect(workers).toHaveLength(0);
  });

  it("turns the worker's refusal back into a ReplayError with its status and code", async () => {
    const { replay, workers } = client();
    const steps = replay.steps(1, 2, 100);
    workers[0]!.answer({ type: 'failed', id: 1, error: { name: 'ReplayError', message: 'busy now', status: 429, code: REPLAY_ERRORS.busy } });
    const error = await steps.catch((e: unknown) => e);
    expect(isReplayError(error) && [error.status, error.code, error.message]).toEqual([429, REPLAY_ERRORS.busy, 'busy now']);
  });

  it('keeps any other failure as the error it was, not a refusal', async () => {
    const { replay, workers } = client();
    const timeline = replay.timeline(1, 2, 10);
    workers[0]!.answer({ type: 'failed', id: 1, error: { name: 'KafkaJSConnectionError', message: 'Connection refused' } });
    const error = await timeline.catch((e: unknown) => e);
    expect(isReplayError(error)).toBe(false);
    expect(error).toMatchObject({ name: 'KafkaJSConnectionError', message: 'Connection refused' });
  });

  it('tells the worker to stop a call whose viewer left, and sends nothing for one that left before asking', async () => {
    const { replay, workers } = client();
    const viewer = new AbortController();
    const scene = replay.scene(9_000_000, { signal: viewer.signal });
    viewer.abort();
    expect(workers[0]!.sent.at(-1)).toEqual({ type: 'abort', id: 1 });
    workers[0]!.answer({ type: 'failed', id: 1, error: { name: 'AbortError', message: 'aborted' } });
    await expect(scene).rejects.toMatchObject({ name: 'AbortError' });
    await expect(replay.scene(9_000_000, { signal: viewer.signal })).rejects.toBeDefined();
    expect(workers[0]!.sent).toHaveLength(2);
  });

  it('parses a trip, which the route may turn into a download', async () => {
    const { replay, workers } = client();
    const trip = replay.trip('tanker-001', { from: 5 });
    // Asked for as it is: the main thread parses it.
    expect(workers[0]!.sent).toEqual([{ type: 'call', id: 1, method: 'trip', args: ['tanker-001', { from: 5 }], encoding: 'identity', sentAt: 10_000_000 }]);
    workers[0]!.answerJson(1, '{"vehicleId":"tanker-001","driver":"Zoë 🙂"}');
    expect(await trip).toEqual({ vehicleId: 'tanker-001', driver: 'Zoë 🙂' });
  });

  it('fails the calls a dead worker held with a 503 and starts a new worker for the next call', async () => {
    const { replay, workers } = client();
    const first = replay.scene(9_000_000);
    const second = replay.steps(1, 2, 100);
    workers[0]!.emit('error', new Error('heap out of memory'));
    for (const call of [first, second]) {
      const error = await call.catch((e: unknown) => e);
      expect(isReplayError(error) && [error.status, error.code]).toEqual([503, REPLAY_ERRORS.unavailable]);
    }
    expect(workers[0]!.terminated).toBe(true);
    const third = replay.scene(9_000_000);
    expect(workers).toHaveLength(2);
    workers[1]!.answerJson(workers[1]!.lastCallId(), '{}');
    expect(textOf(await third)).toBe('{}');
  });

  it('ignores a late answer or exit of a worker it has already replaced', async () => {
    const { replay, workers } = client();
    const first = replay.scene(9_000_000);
    workers[0]!.emit('exit', 1);
    await first.catch(() => undefined);
    const next = replay.scene(9_000_000);
    workers[0]!.emit('exit', 1);
    workers[1]!.answerJson(workers[1]!.lastCallId(), '{"ok":true}');
    expect(textOf(await next)).toBe('{"ok":true}');
    expect(workers).toHaveLength(2);
  });
});

describe('ReplayWorkerClient with real worker processes', () => {
  it('answers 503 when its worker runs out of memory, keeps the BFF alive and answers from a new worker', async () => {
    // The first worker exhausts a small heap as a runaway replay would; the second answers every call, in bytes as the real one does.
    const sources = [
      'const held = []; for (;;) held.push(new Array(1e6).fill(1.5));',
      `process.on('message', (m) => { if (m.type === 'call') { process.send({ type: 'piece', id: m.id, bytes: new TextEncoder().encode('{"ok":"Zoë 🙂"}') }); process.send({ type: 'done', id: m.id }); } }); process.on('disconnect', () => process.exit(0));`,
    ];
    const replay = new ReplayWorkerClient(data, pino({ level: 'silent' }), () => {
      const source = sources.shift();
      if (!source) throw new Error('a third worker was started');
      return processHandle(
        spawn(process.execPath, ['--max-old-space-size=32', '-e', source], { stdio: ['ignore', 'ignore', 'ignore', 'ipc'], serialization: 'advanced' }),
      );
    });
    const lost = await replay.scene(9_000_000).catch((e: unknown) => e);
    expect(isReplayError(lost) && [lost.status, lost.code]).toEqual([503, REPLAY_ERRORS.unavailable]);
    expect(textOf(await replay.scene(9_000_000))).toBe('{"ok":"Zoë 🙂"}');
    await replay.stop();
  }, 20_000);
});

describe.runIf(process.platform === 'linux' && fs.existsSync('/usr/bin/chrt'))('the replay worker process on Linux', () => {
  it('runs under SCHED_IDLE, every thread, in an autogroup of its own at nice 19, and ends with the client', async () => {
    // A whole Kafka configuration (the local broker's defaults): the worker builds its client at the start, and connects only to read.
    const replay = new ReplayWorkerClient({ ...data, kafka: loadKafkaSettings({}).kafka }, pino({ level: 'silent' }));
    replay.start();
    const worker = await waitFor(() => childProcesses(process.pid).find((pid) => readProc(pid, 'cmdline').includes('replay-worker.ts')));
    // The worker lowers its autogroup and its threads' nice once its module has loaded.
    await waitFor(() => statFields(readProc(worker, 'stat'))[16] === '19' || undefined);
    const threads = fs.readdirSync(`/proc/${worker}/task`);
    const policies = threads.map((tid) => statFields(fs.readFileSync(`/proc/${worker}/task/${tid}/stat`, 'utf8'))[38]);
    expect(new Set(policies)).toEqual(new Set([String(SCHED_IDLE)]));
    if (readProc(process.pid, 'autogroup') !== '') {
      expect(readProc(worker, 'autogroup')).toMatch(/nice 19/);
      expect(readProc(worker, 'autogroup')).not.toBe(readProc(process.pid, 'autogroup'));
    }
    await replay.stop();
    expect(fs.existsSync(`/proc/${worker}`) && readProc(worker, 'stat').split(' ')[2] !== 'Z').toBe(false);
  }, 30_000);
});

/** Linux's number for the SCHED_IDLE policy (field 41 of /proc/<pid>/stat). */
const SCHED_IDLE = 5;

function readProc(pid: number, file: string): string {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** The fields after the command name, which may hold spaces: field 3 (state) is index 0. */
function statFields(stat: string): string[] {
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
}

function childProcesses(parent: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => Number(statFields(readProc(pid, 'stat'))[1]) === parent);
}

async function waitFor<T>(find: () => T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('jsonBytesResponse', () => {
  it('sends the pieces as they are, cut anywhere, and they decode to the same JSON', async () => {
    const json = JSON.stringify({ plate: 'AB-🚚-12', driver: 'Zoë 🙂', vehicles: Array.from({ length: 50 }, (_, i) => ({ id: `v-${i}`, tempC: 20.5 })) });
    for (const pieceBytes of [1, 2, 3, 5, 100, 1_000_000]) {
      const response = jsonBytesResponse(piecesOf(utf8(json), pieceBytes), 200);
      expect(response.headers.get('content-type')).toBe('application/json');
      expect(await response.text()).toBe(json);
    }
    expect(await jsonBytesResponse([]).text()).toBe('');
  });

  it('says a deflated body is deflated, and that the answer depends on Accept-Encoding', async () => {
    const json = '{"steps":[]}';
    const response = jsonBytesResponse([zlib.deflateSync(json)], 200, 'deflate');
    expect(response.headers.get(BODY_ENCODING_HEADER)).toBe('deflate');
    expect(response.headers.get('vary')).toBe('accept-encoding');
    expect(zlib.inflateSync(Buffer.from(await response.arrayBuffer())).toString('utf8')).toBe(json);
    expect(jsonBytesResponse([utf8(json)]).headers.get(BODY_ENCODING_HEADER)).toBeNull();
  });
});
