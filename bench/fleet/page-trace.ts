import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { Browser, Page } from '@playwright/test';

/**
 * Where the page's frames go, per second of a Chromium trace: how busy the renderer's main thread
 * is, how much of that is the page's animation-frame callbacks (the map loop and MapLibre's draw)
 * and how much is waiting while the canvas is read back from WebGL for the compositor, and how long
 * the GPU process spends executing the WebGL commands (SwiftShader, in software, on this machine).
 */
export interface FrameCosts {
  mainBusyMsPerS: number;
  animationFrameMsPerS: number;
  canvasReadbackMsPerS: number;
  gpuWebGlMsPerS: number;
  workerMsPerS: number;
}

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

const CATEGORIES = ['toplevel', 'devtools.timeline', 'blink', 'gpu', 'cc'];

export async function traceFrameCosts(browser: Browser, page: Page, seconds: number): Promise<FrameCosts> {
  const folder = mkdtempSync(join(tmpdir(), 'fleet-page-trace-'));
  const path = join(folder, 'trace.json');
  try {
    await browser.startTracing(page, { path, categories: CATEGORIES });
    await page.waitForTimeout(seconds * 1000);
    await browser.stopTracing();
    const { traceEvents } = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] };
    return frameCosts(traceEvents, seconds);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export function frameCosts(events: readonly TraceEvent[], seconds: number): FrameCosts {
  const threadNames = new Map<string, string>();
  const processNames = new Map<number, string>();
  for (const event of events) {
    if (event.name === 'thread_name') threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
    if (event.name === 'process_name') processNames.set(event.pid, event.args?.name ?? '');
  }
  const spans = events.filter((event) => event.ph === 'X' && (event.dur ?? 0) > 0);
  const on = (process: string, thread: RegExp) => (event: TraceEvent) =>
    processNames.get(event.pid) === process && thread.test(threadNames.get(`${event.pid}:${event.tid}`) ?? '');
  const rendererMain = spans.filter(on('Renderer', /^CrRendererMain$/));
  const perSecond = (selected: TraceEvent[]) => busyMs(selected) / seconds;
  return {
    mainBusyMsPerS: perSecond(rendererMain.filter((event) => event.cat.includes('toplevel'))),
    animationFrameMsPerS: perSecond(rendererMain.filter((event) => event.name === 'PageAnimator::serviceScriptedAnimations')),
    canvasReadbackMsPerS: perSecond(rendererMain.filter((event) => event.name === 'GLES2::ReadPixels')),
    gpuWebGlMsPerS: perSecond(spans.filter(on('GPU Process', /^CrGpuMain$/)).filter((event) => event.name === 'WebGL')),
    workerMsPerS: perSecond(spans.filter(on('Renderer', /^DedicatedWorker/)).filter((event) => event.cat.includes('toplevel'))),
  };
}

/** Milliseconds covered by the events, nested or overlapping ones counted once per thread. */
function busyMs(events: readonly TraceEvent[]): number {
  const byThread = new Map<string, [number, number][]>();
  for (const event of events) {
    const key = `${event.pid}:${event.tid}`;
    const spans = byThread.get(key) ?? [];
    spans.push([event.ts, event.ts + (event.dur ?? 0)]);
    byThread.set(key, spans);
  }
  let total = 0;
  for (const spans of byThread.values()) {
    spans.sort((a, b) => a[0] - b[0]);
    let [start, end] = spans[0] ?? [0, 0];
    for (const [from, to] of spans.slice(1)) {
      if (from > end) {
        total += end - start;
        [start, end] = [from, to];
      } else end = Math.max(end, to);
    }
    total += end - start;
  }
  return total / 1000;
}
