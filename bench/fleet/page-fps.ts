import { chromium } from '@playwright/test';
import type { Page } from '@playwright/test';

import { SCENE_MARKS } from '../../lib/client/use-replay';
import { toLocalInput } from '../../lib/fleet/replay-moments';

import type { FrameCosts } from './page-trace';
import { traceFrameCosts } from './page-trace';

export interface PageFigures extends FrameRate {
  drawnVehicles: number;
  /** Where the frames above went, from a Chromium trace of the same page right after them. */
  frameCosts: FrameCosts;
  /** The same page with the map drawing only its background (streets and vehicles hidden; the map loop still runs). */
  backgroundOnly: FrameRate;
  /** The page's JS heap after a forced GC, MiB, sampled every 30 s while the map stays open (empty unless asked for). */
  heapMiB: number[];
  /** Time travel: ms from choosing a moment (Go in the time control) to the map drawn with the fleet as it was then. */
  sceneDrawMs: number[];
  /** Where each of those went: the scene request's wait for the BFF's first byte, its download, and the page's own work after it. */
  sceneParts: ScenePart[];
}

export interface ScenePart {
  /** From the click until the page sent the scene's request (a long task in the way delays it). */
  askMs: number;
  /** From the request until the BFF's first byte. */
  waitMs: number;
  downloadMs: number;
  kiB: number;
  /** The page's JSON parse and contract check of the answer. */
  parseMs: number;
  /** Folding it into the page's store. */
  storeMs: number;
  /** From there to the map's second frame: the list, KPIs and map drawing it. */
  drawMs: number;
}

const HEAP_SAMPLE_EVERY_MS = 30_000;
const TRACE_S = 4;

export interface FrameRate {
  fps: number;
  longTasks: number;
  longestTaskMs: number;
  /** Times MapLibre drew the map (its `render` event) per second: each is a whole WebGL frame, read back in software here. */
  mapRendersPerS: number;
}

/** Animation frames and long tasks over `seconds`, counted in the page. */
async function frameRate(page: Page, seconds: number): Promise<FrameRate> {
  // A string, not a function: tsx's name-keeping helpers do not exist in the page.
  const figures = (await page.evaluate(`new Promise((resolve) => {
    const tasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration)));
    observer.observe({ type: 'longtask' });
    const map = document.querySelector('[data-testid="fleet-map"]').fleetMap;
    let renders = 0;
    const onRender = () => { renders += 1; };
    map.on('render', onRender);
    let frames = 0;
    const start = performance.now();
    const onFrame = (now) => {
      frames += 1;
      if (now - start < ${seconds * 1000}) requestAnimationFrame(onFrame);
      else {
        observer.disconnect();
        map.off('render', onRender);
        resolve({ fps: (frames * 1000) / (now - start), renders: (renders * 1000) / (now - start), tasks });
      }
    };
    requestAnimationFrame(onFrame);
  })`)) as { fps: number; renders: number; tasks: number[] };
  return { fps: figures.fps, longTasks: figures.tasks.length, longestTaskMs: Math.max(0, ...figures.tasks), mapRendersPerS: figures.renders };
}

/** Hides every layer of the map but its background, or shows them all again. */
async function showBackgroundOnly(page: Page, only: boolean): Promise<void> {
  await page.evaluate(`(() => {
    const map = document.querySelector('[data-testid="fleet-map"]').fleetMap;
    for (const layer of map.getStyle().layers)
      if (layer.type !== 'background') map.setLayoutProperty(layer.id, 'visibility', ${only} ? 'none' : 'visible');
  })()`);
}

/** Keeps the page open for `minutes`, sampling its retained JS heap: a leak shows as growth after a forced GC. */
async function sampleHeap(page: Page, minutes: number): Promise<number[]> {
  const cdp = await page.context().newCDPSession(page);
  const samples: number[] = [];
  const end = Date.now() + minutes * 60_000;
  for (;;) {
    await cdp.send('HeapProfiler.collectGarbage');
    const { usedSize } = await cdp.send('Runtime.getHeapUsage');
    samples.push(usedSize / 1024 / 1024);
    if (Date.now() >= end) return samples;
    await page.waitForTimeout(Math.min(HEAP_SAMPLE_EVERY_MS, end - Date.now()));
  }
}

/**
 * As a user picks a moment and presses Go, from live: from the click (its event's time, so
 * Playwright's own checks before clicking do not count) until the scene is in the page's store and
 * the page has run two animation frames with it (the map draws in those), all timed in the page.
 */
async function timeSceneDraws(page: Page, moments: readonly number[]): Promise<{ durations: number[]; parts: ScenePart[] }> {
  const durations: number[] = [];
  const parts: ScenePart[] = [];
  const control = page.getByTestId('time-control');
  for (const at of moments) {
    // The browser runs in this process's time zone: the picker takes local time, as the page writes it.
    await control.getByLabel('Moment').fill(toLocalInput(at));
    await page.evaluate(`(() => {
      performance.clearResourceTimings();
      performance.clearMarks();
      window.sceneTimes = new Promise((resolve) => {
        let clickAt = NaN;
        document.addEventListener('click', (event) => (clickAt = event.timeStamp), { capture: true, once: true });
        let framesWithScene = 0;
        const tick = () => {
          if (framesWithScene > 0 || performance.getEntriesByName('${SCENE_MARKS.stored}', 'mark').length > 0) framesWithScene += 1;
          if (framesWithScene > 2) resolve({ clickAt, drawnAt: performance.now() });
          else requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      });
    })()`);
    await control.getByRole('button', { name: 'Go', exact: true }).click();
    // "Showing …" and "Reading Kafka…" appear in one render; the scene is in when the latter is gone.
    await page
      .getByTestId('time-mode')
      .filter({ hasText: /^Showing/ })
      .waitFor({ timeout: 120_000 });
    await control.locator('[aria-busy="true"]').waitFor({ state: 'detached', timeout: 120_000 });
    const times = (await page.evaluate('window.sceneTimes')) as { clickAt: number; drawnAt: number };
    durations.push(times.drawnAt - times.clickAt);
    parts.push(await scenePart(page, times));
    await control.getByRole('button', { name: 'Back to live', exact: true }).click();
    await page.getByTestId('time-mode').filter({ hasText: 'Live' }).waitFor();
  }
  return { durations, parts };
}

/** The last scene request's resource timing (the page may have retried a busy one) and the page's marks, between the click and the draw. */
async function scenePart(page: Page, times: { clickAt: number; drawnAt: number }): Promise<ScenePart> {
  return (await page.evaluate(`(() => {
    const scene = performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/fleet/replay?at=')).at(-1);
    const mark = (name) => performance.getEntriesByName(name, 'mark').at(-1)?.startTime ?? NaN;
    const parsed = mark('${SCENE_MARKS.parsed}');
    const stored = mark('${SCENE_MARKS.stored}');
    if (!scene) return { askMs: NaN, waitMs: NaN, downloadMs: NaN, kiB: NaN, parseMs: NaN, storeMs: NaN, drawMs: NaN };
    return {
      askMs: scene.startTime - ${times.clickAt},
      waitMs: scene.responseStart - scene.startTime,
      downloadMs: scene.responseEnd - scene.responseStart,
      kiB: scene.encodedBodySize / 1024,
      parseMs: parsed - scene.responseEnd,
      storeMs: stored - parsed,
      drawMs: ${times.drawnAt} - stored,
    };
  })()`)) as ScenePart;
}

/**
 * Opens the Fleet page in headless Chromium as the fleet team would, and counts animation frames and
 * long tasks with the map open; then times choosing each of `sceneMoments` in the time control.
 */
export async function measureFleetPage(
  baseUrl: string,
  expectVehicles: number,
  seconds: number,
  heapMinutes = 0,
  sceneMoments: readonly number[] = [],
): Promise<PageFigures> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(`${baseUrl}/signin?callbackUrl=${encodeURIComponent('/fleet')}`);
    await page.getByLabel('Username').fill('fleet');
    await page.getByLabel('Password').fill('demo');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === '/fleet', { timeout: 60_000 });
    const map = page.getByTestId('fleet-map');
    await map.waitFor({ timeout: 60_000 });
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="fleet-map"]')?.getAttribute('data-drawn-vehicles') ?? 0) >= n,
      Math.floor(expectVehicles * 0.95),
      { timeout: 120_000 },
    );
    const figures = await frameRate(page, seconds);
    const frameCosts = await traceFrameCosts(browser, page, TRACE_S);
    await showBackgroundOnly(page, true);
    const backgroundOnly = await frameRate(page, Math.min(seconds, 6));
    await showBackgroundOnly(page, false);
    const drawnVehicles = Number(await map.getAttribute('data-drawn-vehicles'));
    const heapMiB = heapMinutes > 0 ? await sampleHeap(page, heapMinutes) : [];
    const scenes = await timeSceneDraws(page, sceneMoments);
    return {
      ...figures,
      drawnVehicles,
      frameCosts,
      backgroundOnly,
      heapMiB,
      sceneDrawMs: scenes.durations,
      sceneParts: scenes.parts,
    };
  } finally {
    await browser.close();
  }
}
