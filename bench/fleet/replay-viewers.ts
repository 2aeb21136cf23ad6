import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';

import { timelineWindow } from '../../lib/fleet/replay-moments';
import { DEMO_ADMIN_TOKEN } from '../../server/config';

import { percentile } from './proc-stats';

/** As the fleet page plays at 60×: a playhead tick of 250 ms moves 15 s, and 10 s of playback (600 s of history) is fetched ahead. */
const STEP_MS = 15_000;
const SPAN_MS = 600_000;
const SPEED = 60;

/**
 * How viewers play. `seek`: each picks its moment again (a scene) whenever it reaches the present,
 * one second later: with the bench's few minutes of history that is a scene every few seconds per
 * viewer, and the last seconds before the present read from the fixes. `play`: one scene, then
 * playback over the settled past (older than the BFF's REPLAY_STEP_CACHE_AFTER_S, 60 s), from the
 * start again when it ends: what 10 viewers watching a day of history at 60× ask for, which the
 * bench's history is too short to hold.
 */
export type ViewerMode = 'seek' | 'play';
export const VIEWER_MODES: readonly ViewerMode[] = ['seek', 'play'];
const SETTLED_MS = 60_000;

export interface ViewerFigures {
  requests: number;
  /** 429 replay_busy: more viewers than REPLAY_MAX_SESSIONS reading at once. */
  busy: number;
  failed: number;
  /** Why, by HTTP status and error code (or the fetch error): e.g. `413 replay_too_large`. */
  failures: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Time-travel viewers playing the fleet's past at 60× beside the live stream, through the same
 * routes as the page (scene, then steps ahead of the playhead), each looping back to its start
 * moment once it reaches the present.
 */
export class ReplayViewers {
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private durations: number[] = [];
  private busy = 0;
  private failed = 0;
  private readonly failures = new Map<string, number>();

  start(baseUrl: string, count: number, fromMs: number, mode: ViewerMode): void {
    this.running = true;
    for (let i = 0; i < count; i += 1) this.loops.push(this.play(baseUrl, fromMs + i * 1_000, mode));
  }

  async stop(): Promise<ViewerFigures> {
    this.running = false;
    await Promise.all(this.loops);
    const sorted = [...this.durations].sort((a, b) => a - b);
    return {
      requests: sorted.length + this.busy + this.failed,
      busy: this.busy,
      failed: this.failed,
      failures: Object.fromEntries(this.failures),
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
    };
  }

  private async play(baseUrl: string, fromMs: number, mode: ViewerMode): Promise<void> {
    const playsUntil = () => Date.now() - (mode === 'play' ? SETTLED_MS : 2_000);
    let picked = false;
    while (this.running) {
      if (mode === 'seek' || !picked) await this.get(`${baseUrl}/api/fleet/replay?at=${iso(fromMs)}`, baseUrl);
      picked = true;
      // On from where each answer ended, as the page does (a snapshot-served answer may end early),
      // never past a second ago.
      // Playing the past, a pass ends before a step that would reach past the settled history: a
      // day of it would still go on there, where the page reads the present's last seconds from the fixes.
      const more = (cursor: number) => cursor + (mode === 'play' ? STEP_MS : 0) < playsUntil();
      for (let cursor = fromMs; this.running && more(cursor);) {
        const started = Date.now();
        const end = Math.min(cursor + SPAN_MS, playsUntil() + 1_000);
        const until = await this.get(`${baseUrl}/api/fleet/replay/steps?from=${iso(cursor)}&until=${iso(end)}&stepMs=${STEP_MS}`, baseUrl);
        const next = until !== undefined && until > cursor ? until : end;
        // The wall time that stretch takes to play.
        await sleep(Math.max(0, (next - cursor) / SPEED - (Date.now() - started)));
        cursor = next;
      }
      // The end reached (a span must end in the past): play the same stretch again.
      await sleep(1_000);
    }
  }

  /** Times one request; resolves with the answer's `until` when it has one (a steps answer). */
  private async get(url: string, baseUrl = ''): Promise<number | undefined> {
    const started = Date.now();
    try {
      const response = await getKeepingHead(url);
      if (response.status === 429) {
        this.busy += 1;
      } else if (response.status !== 200) {
        this.fail(`${response.status} ${errorCode(response.head)}`, `${url.replace(baseUrl, '')} at ${iso(Date.now())}: ${response.head}`);
      } else {
        this.durations.push(Date.now() - started);
        return untilOf(response.head);
      }
    } catch (error) {
      this.fail((error as Error).message);
    }
    return undefined;
  }

  private fail(reason: string, example?: string): void {
    if (!this.failures.has(reason) && example) console.log(`replay viewer: ${reason}: ${example}`);
    this.failed += 1;
    this.failures.set(reason, (this.failures.get(reason) ?? 0) + 1);
  }
}

/**
 * The viewers in a process of their own. A steps answer is up to ~30 MB of JSON at 10,000
 * vehicles; decoding it on the bench's event loop stalled the probe client beside it, so the probe
 * measured the bench rather than the BFF.
 */
export class ReplayViewerProcess {
  private child: ChildProcess | undefined;

  get pid(): number | undefined {
    return this.child?.pid;
  }

  start(baseUrl: string, count: number, fromMs: number, mode: ViewerMode): void {
    this.child = fork(path.join(__dirname, 'replay-viewers-process.ts'), [baseUrl, String(count), String(fromMs), mode], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  }

  stop(): Promise<ViewerFigures> {
    const child = this.child;
    if (!child) return Promise.reject(new Error('replay viewers not started'));
    return new Promise((resolve, reject) => {
      child.once('message', (figures) => resolve(figures as ViewerFigures));
      child.once('exit', (code) => reject(new Error(`replay viewers exited (${code}) before reporting`)));
      child.send('stop');
    });
  }
}

/** Raw bytes kept from the start of an answer: enough to inflate its head from. */
const HEAD_BYTES = 8 * 1024;

/**
 * Reads the whole answer, as a client must, but decodes only its first bytes: `until` comes second
 * in a steps answer, and inflating and decoding 30 MB of JSON here would measure this process (a
 * stand-in for browsers on other machines), not the BFF. Asks for deflate, as browsers do, and
 * over node:http, which, unlike fetch, leaves the body as sent.
 */
function getKeepingHead(url: string): Promise<{ status: number; head: string }> {
  const headers = { authorization: `Bearer ${DEMO_ADMIN_TOKEN}`, 'accept-encoding': 'gzip, deflate, br' };
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (response) => {
        const kept: Buffer[] = [];
        let keptBytes = 0;
        response.on('data', (chunk: Buffer) => {
          if (keptBytes >= HEAD_BYTES) return;
          kept.push(chunk);
          keptBytes += chunk.length;
        });
        response.on('error', reject);
        response.on('end', () => {
          const start = Buffer.concat(kept).subarray(0, HEAD_BYTES);
          const deflated = response.headers['content-encoding'] === 'deflate';
          resolve({ status: response.statusCode ?? 0, head: (deflated ? inflateStart(start) : start).toString('utf8') });
        });
      })
      .on('error', reject);
  });
}

/** What the first bytes of a zlib stream inflate to, the rest of it not there. */
export function inflateStart(start: Buffer): Buffer {
  return zlib.inflateSync(start, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

/** A steps answer's `until` from its head; undefined for a scene. */
export function untilOf(head: string): number | undefined {
  const match = /^\{"from":-?\d+(?:\.\d+)?,"until":(\d+)/.exec(head);
  return match ? Number(match[1]) : undefined;
}

/**
 * The BFF's part of choosing a moment, with no browser on the machine: one scene request per
 * moment, timed to the answer's last byte, as the page asks for it (with the timeline beside it).
 */
export async function timeSceneAnswers(baseUrl: string, moments: readonly number[]): Promise<number[]> {
  const headers = { authorization: `Bearer ${DEMO_ADMIN_TOKEN}` };
  const durations: number[] = [];
  for (const at of moments) {
    const started = Date.now();
    const window = timelineWindow(at, Date.now(), 0);
    const timeline = fetch(`${baseUrl}/api/fleet/replay/timeline?from=${iso(window.from)}&until=${iso(window.until)}&buckets=60`, { headers }).then((r) =>
      r.text(),
    );
    const response = await fetch(`${baseUrl}/api/fleet/replay?at=${iso(at)}`, { headers });
    const body = await response.text();
    if (!response.ok) throw new Error(`scene at ${iso(at)}: ${response.status} ${body}`);
    durations.push(Date.now() - started);
    await timeline;
  }
  return durations;
}

function errorCode(body: string): string {
  try {
    return String((JSON.parse(body) as { error?: { code?: unknown } }).error?.code ?? 'no code');
  } catch {
    return 'not JSON';
  }
}

const iso = (ms: number) => new Date(ms).toISOString();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
