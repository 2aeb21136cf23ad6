// npm run bench:fleet [-- --cabs 6000 --tankers 4000 --window-s 30 --steps 10,25,50,100,200]
// 10,000 vehicles at 1 Hz through simulator → Kafka → Flink jobs (fleet-state, anomaly…) → BFF → Socket.IO clients.
import { parseArgs } from 'node:util';

import { TEST_PORTS } from '../../test/support/ports';
import { TestStack } from '../../test/support/stack';
import { startTestKafka } from '../../test/support/test-kafka';

import { LoadClients } from './load-clients';
import { measureFleetPage } from './page-fps';
import type { ProbeWindow } from './probe-client';
import { ProbeClient } from './probe-client';
import {
  childrenOf,
  commandLine,
  coresUsed,
  cpuSample,
  machineCoresBusy,
  machineCpuSample,
  machineLoad,
  percentile,
  rssMb,
  threadCores,
  threadSample,
} from './proc-stats';
import type { ShareWindow } from './processing-share';
import { ProcessingShare } from './processing-share';
import type { ViewerMode } from './replay-viewers';
import { ReplayViewerProcess, timeSceneAnswers, VIEWER_MODES } from './replay-viewers';

const { values } = parseArgs({
  options: {
    cabs: { type: 'string', default: '6000' },
    tankers: { type: 'string', default: '4000' },
    'window-s': { type: 'string', default: '30' },
    'page-s': { type: 'string', default: '15' },
    steps: { type: 'string', default: '5,10,25,50,100,200' },
    'catch-up-s': { type: 'string', default: '240' },
    'heap-min': { type: 'string', default: '0' },
    replays: { type: 'string', default: '0' },
    // Rounds of replay viewers on, then off, pooled for the comparison.
    'replay-rounds': { type: 'string', default: '3' },
    // How the viewers play (bench/fleet/replay-viewers.ts): play (one scene, then the settled past, again and again) or seek (a scene whenever they reach the present).
    'replay-mode': { type: 'string', default: 'play' },
    // Time travel on the page: moments chosen in the time control, timed until the map is drawn.
    scenes: { type: 'string', default: '3' },
  },
});
const replayMode = values['replay-mode'] as ViewerMode;
if (!VIEWER_MODES.includes(replayMode)) throw new Error(`--replay-mode must be one of ${VIEWER_MODES.join(', ')}`);
const cabs = Number(values.cabs);
const tankers = Number(values.tankers);
const fleetSize = cabs + tankers;
const windowS = Number(values['window-s']);
const steps = (values.steps ?? '')
  .split(',')
  .map(Number)
  .filter((n) => n > 0);

function log(line: string): void {
  console.log(`[bench:fleet ${new Date().toISOString().slice(11, 19)}] ${line}`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function measureWindow(
  probe: ProbeClient,
  share: ProcessingShare,
  pids: Record<string, number>,
  seconds: number,
): Promise<{
  probe: ProbeWindow;
  share: ShareWindow;
  cpu: Record<string, number>;
  bffThreads: { thread: string; cores: number }[];
  rss: Record<string, number>;
  machineCores: number;
}> {
  // The BFF's replay worker is a process of its own, started on the first replay.
  const replayWorker = pids.bff ? childrenOf(pids.bff).find((pid) => commandLine(pid).includes('replay-worker')) : undefined;
  const measured = replayWorker ? { ...pids, 'bff replay worker': replayWorker } : pids;
  const before = Object.fromEntries(Object.entries(measured).map(([name, pid]) => [name, cpuSample(pid)]));
  const bffThreadsBefore = pids.bff ? threadSample(pids.bff) : undefined;
  const machineBefore = machineCpuSample();
  probe.startWindow();
  share.startWindow();
  await sleep(seconds * 1000);
  const window = probe.endWindow();
  const shareWindow = share.endWindow();
  const cpu: Record<string, number> = {};
  const rss: Record<string, number> = {};
  for (const [name, pid] of Object.entries(measured)) {
    const from = before[name];
    if (from) cpu[name] = coresUsed(from, cpuSample(pid));
    rss[name] = rssMb(pid);
  }
  const bffThreads = pids.bff && bffThreadsBefore ? threadCores(bffThreadsBefore, threadSample(pids.bff)) : [];
  return { probe: window, share: shareWindow, cpu, bffThreads, rss, machineCores: machineCoresBusy(machineBefore, machineCpuSample()) };
}

function describeWindow(label: string, figures: Awaited<ReturnType<typeof measureWindow>>): string {
  const { probe } = figures;
  return [
    `${label}:`,
    `  frames to one client: ${(probe.frames / probe.seconds).toFixed(1)}/s, vehicle updates ${(probe.vehicleUpdates / probe.seconds).toFixed(0)}/s, ${(probe.bytes / probe.seconds / 1024).toFixed(0)} KiB/s`,
    `  latency simulator event time → client receipt: p50 ${probe.latencyP50} ms, p99 ${probe.latencyP99} ms, max ${probe.latencyMax} ms`,
    `  of which BFF receipt → client receipt: p50 ${probe.bffLatencyP50} ms, p99 ${probe.bffLatencyP99} ms`,
    `  processing share, raw append → processed append (${figures.share.samples} fixes of vehicles *0): p50 ${figures.share.p50} ms, p99 ${figures.share.p99} ms, max ${figures.share.max} ms`,
    `  CPU (cores): ${Object.entries(figures.cpu)
      .map(([name, cores]) => `${name} ${cores.toFixed(2)}`)
      .join(', ')}; whole machine busy ${figures.machineCores.toFixed(2)} cores`,
    `  BFF threads (cores): ${figures.bffThreads
      .filter(({ cores }) => cores >= 0.01)
      .map(({ thread, cores }) => `${thread} ${cores.toFixed(2)}`)
      .join(', ')}`,
    `  RSS (MiB): ${Object.entries(figures.rss)
      .map(([name, mb]) => `${name} ${mb.toFixed(0)}`)
      .join(', ')}`,
  ].join('\n');
}

/**
 * The live stream's latency with `count` time-travel viewers playing at 60× beside it, against
 * windows without them, in `rounds` rounds of viewers on, viewers off. One window's p99 is its
 * handful of worst frames and swings widely between quiet windows here (90 to 172 ms), so the
 * verdict pools every sample of the windows with viewers against every sample of those after them.
 */
async function measureWithReplays(
  url: string,
  count: number,
  rounds: number,
  historyFrom: number,
  mode: ViewerMode,
  measure: (extraPids?: Record<string, number>) => ReturnType<typeof measureWindow>,
): Promise<string> {
  // A moment still in the future would only be refused (400 in_the_future): wait until half a minute of history (settled, to play) lies after it.
  await sleep(Math.max(0, historyFrom + 30_000 + (mode === 'play' ? 60_000 : 0) - Date.now()));
  const lines: string[] = [];
  const withViewers: ProbeWindow[] = [];
  const without: ProbeWindow[] = [];
  for (let round = 1; round <= rounds; round += 1) {
    const stepsBefore = await replaySteps(url);
    const viewers = new ReplayViewerProcess();
    viewers.start(url, count, historyFrom, mode);
    await sleep(5_000);
    // The viewers' process is on the CPU list: on this machine it takes cores that browsers elsewhere would not.
    const on = await measure(viewers.pid ? { viewers: viewers.pid } : {});
    const figures = await viewers.stop();
    const stepsAfter = await replaySteps(url);
    // The next window starts after the viewers' last requests have been answered or dropped.
    await sleep(5_000);
    const off = await measure();
    withViewers.push(on.probe);
    without.push(off.probe);
    lines.push(
      describeWindow(`Round ${round}: one client with ${count} replay viewers at 60× (${mode}) beside it (${machineLoad()})`, on),
      `  replay requests ${figures.requests} (p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms), ${figures.busy} refused busy (REPLAY_MAX_SESSIONS), ${figures.failed} failed${failureList(figures.failures)}`,
      `  ${describeSteps(stepsBefore, stepsAfter)}`,
      describeWindow(`Round ${round}: one client, the viewers stopped (${machineLoad()})`, off),
    );
  }
  const pooled = (windows: ProbeWindow[], pick: (window: ProbeWindow) => number[], p: number) =>
    percentile(
      windows.flatMap(pick).sort((a, b) => a - b),
      p,
    );
  const change = (a: number, b: number) => `${b >= a ? '+' : ''}${(((b - a) / a) * 100).toFixed(0)} %`;
  const compare = (label: string, pick: (window: ProbeWindow) => number[]) => {
    const [none50, with50, none99, with99] = [
      pooled(without, pick, 50),
      pooled(withViewers, pick, 50),
      pooled(without, pick, 99),
      pooled(withViewers, pick, 99),
    ];
    return `${label}: p50 ${none50} → ${with50} ms (${change(none50, with50)}), p99 ${none99} → ${with99} ms (${change(none99, with99)})`;
  };
  lines.push(
    `Live latency without → with ${count} replay viewers, all ${rounds} rounds' samples pooled (${without.length} windows each):`,
    `  ${compare('simulator event time → client receipt', (window) => window.latencies)}`,
    `  ${compare('BFF receipt → client receipt', (window) => window.bffLatencies)}`,
    `  per round, p99 without → with: ${without.map((off, i) => `${off.latencyP99} → ${withViewers[i]?.latencyP99} ms`).join('; ')}`,
  );
  const text = lines.join('\n');
  log(text);
  return text;
}

/** The BFF's playback steps served so far, by source, and its step cache's bytes, from its /metrics. */
async function replaySteps(url: string): Promise<{ sources: Record<string, number>; cacheBytes: number }> {
  const metrics = await (await fetch(`${url}/metrics`)).text();
  const sources: Record<string, number> = {};
  for (const [, source, value] of metrics.matchAll(/^fleetwatch_replay_steps_total\{source="(\w+)"\} (\d+)/gm)) sources[source ?? ''] = Number(value);
  const cacheBytes = Number(/^fleetwatch_replay_step_cache_bytes (\d+)/m.exec(metrics)?.[1] ?? 0);
  return { sources, cacheBytes };
}

function describeSteps(before: Awaited<ReturnType<typeof replaySteps>>, after: Awaited<ReturnType<typeof replaySteps>>): string {
  const served = ['cache', 'snapshots', 'fixes'].map((source) => `${(after.sources[source] ?? 0) - (before.sources[source] ?? 0)} from ${source}`);
  return `steps served: ${served.join(', ')}; step cache ${(after.cacheBytes / 1024 / 1024).toFixed(0)} MiB`;
}

/** Growth from the first sample (map drawn, fleet loaded) to the last, after a forced GC each time. */
function describeHeap(samples: number[]): string {
  const first = samples[0] ?? Number.NaN;
  const last = samples.at(-1) ?? Number.NaN;
  const minutes = ((samples.length - 1) * 30) / 60;
  return [
    `Fleet page JS heap after GC over ${minutes.toFixed(1)} min (${machineLoad()}): ${first.toFixed(1)} MiB → ${last.toFixed(1)} MiB, growth ${(((last - first) / first) * 100).toFixed(1)} %, max ${Math.max(...samples).toFixed(1)} MiB`,
    `  samples every 30 s (MiB): ${samples.map((mb) => mb.toFixed(1)).join(' ')}`,
    `  trend, a least-squares line through the samples (one sample's swing does not decide it): ${describeTrend(samples)}`,
  ].join('\n');
}

/** The fitted line's rise over the window, in MiB and against the line's start. */
function describeTrend(samples: number[]): string {
  const n = samples.length;
  const meanX = (n - 1) / 2;
  const meanY = samples.reduce((sum, y) => sum + y, 0) / n;
  const slope = samples.reduce((sum, y, x) => sum + (x - meanX) * (y - meanY), 0) / samples.reduce((sum, _y, x) => sum + (x - meanX) ** 2, 0);
  const start = meanY - slope * meanX;
  const rise = slope * (n - 1);
  return `${rise >= 0 ? '+' : ''}${rise.toFixed(1)} MiB, ${rise >= 0 ? '+' : ''}${((rise / start) * 100).toFixed(1)} % over the window`;
}

/**
 * The start leaves the jobs a backlog (the simulator runs while Flink deploys them): measuring
 * before it is worked off would time the catch-up, not the steady state. Waits until the
 * processing share's p50 over 10 s is under 1 s, and says so either way.
 */
async function waitUntilCaughtUp(share: ProcessingShare, limitS: number): Promise<void> {
  const deadline = Date.now() + limitS * 1000;
  while (Date.now() < deadline) {
    share.startWindow();
    await sleep(10_000);
    const window = share.endWindow();
    log(`catching up: processing share p50 ${window.p50} ms over ${window.samples} fixes (${machineLoad()})`);
    if (window.samples > 0 && window.p50 < 1000) return;
  }
  log(`the jobs did not catch up within ${limitS} s: the figures below include a backlog`);
}

async function main(): Promise<void> {
  log(`${fleetSize} vehicles (${cabs} cabs, ${tankers} tankers) at 1 Hz; ${machineLoad()}`);
  const kafka = await startTestKafka();
  const stack = new TestStack({
    brokers: kafka.brokers,
    bffPort: TEST_PORTS.bench,
    logName: 'bench-fleet',
    cabs,
    tankers,
    // Only what the fleet needs: the bookstore and campus streams at their quietest.
    simulatorArgs: ['--purchases-per-s', '0.1', '--sightings-per-s', '0.1', '--no-archiver'],
    env: { LOG_LEVEL: 'info' },
    // 10,000 or 50,000 vehicles' tables and first fixes on a shared 2-core machine: minutes, not seconds.
    startTimeoutMs: 300_000,
  });
  const probe = new ProbeClient();
  const share = new ProcessingShare(kafka.brokers);
  const load = new LoadClients();
  const report: string[] = [];
  try {
    await stack.start();
    const stackUpAt = Date.now();
    const pids = { ...stack.processIds(), broker: kafka.pid };
    await share.start();
    log(`stack up (pids ${JSON.stringify(pids)}); waiting for the whole fleet to reach a client`);
    await probe.connect(stack.url);
    const deadline = Date.now() + 180_000;
    while (probe.vehicles.size < fleetSize * 0.99 && Date.now() < deadline) await sleep(1000);
    log(`probe sees ${probe.vehicles.size} vehicles; warming up 20 s`);
    await sleep(20_000);
    await waitUntilCaughtUp(share, Number(values['catch-up-s']));

    const one = await measureWindow(probe, share, pids, windowS);
    report.push(describeWindow(`One client, ${windowS} s (${machineLoad()})`, one));
    log(report.at(-1) ?? '');
    const replays = Number(values.replays);
    // Viewers start a minute into the history: after the fleet-snapshot job's first snapshots, as any moment but the first minute of a fresh install.
    if (replays > 0)
      report.push(
        await measureWithReplays(stack.url, replays, Number(values['replay-rounds']), stackUpAt + 60_000, replayMode, (extraPids = {}) =>
          measureWindow(probe, share, { ...pids, ...extraPids }, windowS),
        ),
      );

    log('opening the Fleet page in headless Chromium');
    // Moments the stack ran through, none on a snapshot boundary: 30 s ago and further back.
    const sceneMoments = Array.from({ length: Number(values.scenes) }, (_, i) => Math.floor(Date.now() / 1000) * 1000 - 30_000 - i * 13_000).filter(
      (at) => at > stackUpAt,
    );
    // The same moments' scenes over HTTP with no browser running: the BFF's part where the browser is on a machine of its own.
    const sceneAnswerMs = await timeSceneAnswers(stack.url, sceneMoments);
    const pageFigures = await measureFleetPage(stack.url, fleetSize, Number(values['page-s']), Number(values['heap-min']), sceneMoments);
    const costs = pageFigures.frameCosts;
    report.push(
      [
        `Fleet page, headless Chromium (software rendering), map open with ${pageFigures.drawnVehicles} vehicles drawn: ${pageFigures.fps.toFixed(1)} fps (the map drawn ${pageFigures.mapRendersPerS.toFixed(1)} times/s), ${pageFigures.longTasks} long tasks (> 50 ms), longest ${pageFigures.longestTaskMs.toFixed(0)} ms`,
        `  where its frames went (Chromium trace, ms per second): main thread busy ${costs.mainBusyMsPerS.toFixed(0)}, of which animation-frame callbacks (map loop and MapLibre's draw) ${costs.animationFrameMsPerS.toFixed(0)} and waiting for the WebGL canvas's read-back to the compositor ${costs.canvasReadbackMsPerS.toFixed(0)}; GPU process executing WebGL ${costs.gpuWebGlMsPerS.toFixed(0)}; MapLibre's worker ${costs.workerMsPerS.toFixed(0)}`,
        `  the same page with the map drawing only its background (streets and vehicle layers hidden, the map loop still feeding them): ${pageFigures.backgroundOnly.fps.toFixed(1)} fps (drawn ${pageFigures.backgroundOnly.mapRendersPerS.toFixed(1)} times/s), ${pageFigures.backgroundOnly.longTasks} long tasks, longest ${pageFigures.backgroundOnly.longestTaskMs.toFixed(0)} ms`,
      ].join('\n'),
    );
    if (pageFigures.heapMiB.length > 1) report.push(describeHeap(pageFigures.heapMiB));
    if (pageFigures.sceneDrawMs.length > 0)
      report.push(
        `Time travel on the page: choosing a moment → map drawn, ${pageFigures.sceneDrawMs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')} (${machineLoad()})`,
        `  the BFF's scene answer for the same moments with no browser on the machine: ${sceneAnswerMs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(', ')}`,
        `  of which the page asking / waiting for the BFF / download / the page's parse / store / draw: ${pageFigures.sceneParts
          .map(
            (part) =>
              `${part.askMs.toFixed(0)} / ${part.waitMs.toFixed(0)} / ${part.downloadMs.toFixed(0)} (${part.kiB.toFixed(0)} KiB) / ${part.parseMs.toFixed(0)} / ${part.storeMs.toFixed(0)} / ${part.drawMs.toFixed(0)} ms`,
          )
          .join(', ')}`,
      );
    log(report.at(-1) ?? '');

    for (const step of steps) {
      await load.add(stack.url, step - load.count);
      await sleep(5_000);
      const figures = await measureWindow(probe, share, pids, Math.min(windowS, 15));
      report.push(describeWindow(`${load.count + 1} clients (${load.count} raw load clients + the probe), ${machineLoad()}`, figures));
      log(report.at(-1) ?? '');
      // The clients' count is the BFF's limit, so it is judged on the BFF's share of the latency
      // (its receipt → client): when the pipeline upstream is already seconds behind, the end-to-end
      // p99 says nothing about how many clients the BFF can serve. Both are printed.
      // No new fix at all within the window is worse than a p99 of 1 s, not better.
      if (!(figures.probe.bffLatencyP99 <= 1000)) {
        report.push(`BFF-share p99 passed 1 s (or no new fix arrived) at ${load.count + 1} clients`);
        break;
      }
    }
  } finally {
    load.close();
    probe.close();
    await share.stop();
    await stack.stop();
    await kafka.stop();
  }
  console.log(`\n===== bench:fleet results =====\n${report.join('\n\n')}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

function failureList(failures: Record<string, number>): string {
  const entries = Object.entries(failures);
  return entries.length === 0 ? '' : ` (${entries.map(([reason, count]) => `${count}× ${reason}`).join(', ')})`;
}
