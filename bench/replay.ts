import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import type { Kafka } from 'kafkajs';
import pino from 'pino';

import type { VehicleState } from '@/lib/contracts/fleet';
import { TOPICS, productTopicSpecs } from '@/lib/contracts/topics';
import { createKafka } from '@/platform/kafka/client';
import { ensureTopics } from '@/platform/kafka/topics';

import { ensureFlinkJar, flinkRunnerSpec, waitForFlinkJobs } from '../scripts/lib/flink';
import { ProcessGroup } from '../scripts/lib/process-group';
import { loadConfig } from '../server/config';
import { ReplayService } from '../server/fleet/replay-service';
import { encodeBody, stepsSegments } from '../server/fleet/replay-step-bytes';

import { benchBroker } from './bench-broker';

/**
 * `npm run bench:replay`: time travel at fleet scale, in process against a broker of its own
 * (or KAFKA_BROKERS). Writes BENCH_VEHICLES vehicles' history at one fix per second for
 * BENCH_HISTORY_S seconds (Kafka timestamps set to the fix time, in order), times one scene
 * without snapshots (the lookback read), then runs the real `fleet-snapshot` Flink job over that
 * history, waits until its snapshots cover it, and times scenes at moments spread over it (the
 * BFF's part of "choose a moment → map drawn") and playback steps at 60×. A scene reads a snapshot
 * and the seconds after it, so the history's length beyond that changes nothing but the offset lookup.
 * Its own broker keeps Kafka's default `group.initial.rebalance.delay.ms` (3 s), as production
 * clusters such as Amazon MSK do, where the demo's broker sets 0: a read that joined a consumer
 * group would wait those 3 s here too.
 */
const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 10_000);
const HISTORY_S = Number(process.env.BENCH_HISTORY_S ?? 180);
const LOOKBACK_S = Number(process.env.REPLAY_LOOKBACK_S ?? 120);
const PORT = Number(process.env.BENCH_KAFKA_PORT ?? 19_810);
// The broker's controller listens on PORT + 1.
const FLINK_REST_PORT = PORT + 10;
const RESULTS = path.join(__dirname, 'results', 'replay.md');
const SCENES = 5;
/** The step the page asks for at 60×: four a wall second. */
const STEP_MS_AT_60X = 15_000;
/** Kafka's own default, kept by production clusters (the local demo broker sets 0). */
const KAFKA_DEFAULT_GROUP_INITIAL_REBALANCE_DELAY_MS = 3_000;

async function main(): Promise<void> {
  const broker = await benchBroker(PORT, KAFKA_DEFAULT_GROUP_INITIAL_REBALANCE_DELAY_MS);
  const brokers = broker.brokers;
  const config = loadConfig({
    KAFKA_BROKERS: brokers,
    DEMO_MODE: 'true',
    LOG_LEVEL: 'warn',
    REPLAY_LOOKBACK_S: String(LOOKBACK_S),
    REPLAY_MAX_RECORDS: '50000000',
    // The Flink job reads the same setting from this process's environment.
    ...(process.env.FLEET_SNAPSHOT_INTERVAL_S ? { FLEET_SNAPSHOT_INTERVAL_S: process.env.FLEET_SNAPSHOT_INTERVAL_S } : {}),
  });
  const kafka = createKafka(config.kafka, 'bench-replay');
  const group = new ProcessGroup({ output: { kind: 'file', path: path.join('.data', 'bench-replay-flink.log') } });
  try {
    const start = Date.now() - HISTORY_S * 1000 - 5_000;
    await writeHistory(kafka, start, config.kafka.vehicleStateRetentionMs);
    const rules = { offlineAfterMs: 30_000, delayedAfterMs: 5_000, frozenAfterMs: 10_000 };
    const replayWith = (replayConfig: typeof config.replay) =>
      new ReplayService(kafka, replayConfig, rules, pino({ level: 'warn' }), Date.now, () => undefined);
    const replay = replayWith(config.replay);
    const lastFix = start + (HISTORY_S - 1) * 1000;
    // Moments spread over the history, none on a snapshot's boundary, the newest 15 s before its end.
    const moments = Array.from({ length: SCENES }, (_, i) => lastFix - 15_000 - i * 13_700);
    const lines = [await timeScene(replay, moments[0] ?? lastFix, 'without snapshots (the lookback read)')];
    await runSnapshotJob(group, brokers, moments[0] ?? lastFix, replay, config.replay.snapshotIntervalMs);
    for (const at of moments) lines.push(await timeScene(replay, at, 'from a snapshot'));
    // 60×: one wall second of playback covers 60 s of history; the page asks for 15 s steps (4 per wall second).
    lines.push(await timePlayback(replay, start + 15_000, lastFix, STEP_MS_AT_60X));
    // Viewers of different stretches share no cached step: every step is read, checked, serialized and deflated for its viewer alone.
    lines.push(await timeSnapshotSteps(replayWith({ ...config.replay, stepCacheBytes: 0 }), start + 15_000, lastFix - 30_000));
    // Steps shorter than the snapshot interval (1× and 10×: 2.5 s) are folded from every fix, as 60× was before.
    const span = Math.min(60_000, HISTORY_S * 1000 - LOOKBACK_S * 1000 - 1_000);
    lines.push(await timeSteps(replay, lastFix - span, lastFix, 2_500, 'of 2.5 s (10×), from the fixes'));
    writeResults(lines, config.replay.snapshotIntervalMs);
  } finally {
    await group.stopAll();
    await broker.stop();
  }
}

async function timeScene(replay: ReplayService, at: number, how: string): Promise<string> {
  const t0 = performance.now();
  const scene = await replay.scene(at);
  const seconds = (performance.now() - t0) / 1000;
  const base = scene.snapshotAt === undefined ? 'no snapshot' : `snapshot ${((at - scene.snapshotAt) / 1000).toFixed(1)} s before`;
  return `| scene ${how} (${base}; ${scene.records.toLocaleString('en')} records read, ${scene.vehicles.length.toLocaleString('en')} vehicles) | ${seconds.toFixed(2)} s |`;
}

/** Plays (from, until] as the page does at 60×: one steps request after another, each from where the last answer ended. */
async function timePlayback(replay: ReplayService, from: number, until: number, stepMs: number): Promise<string> {
  let at = from;
  const times: number[] = [];
  let states = 0;
  let steps = 0;
  let served = 0;
  while (at < until) {
    const t0 = performance.now();
    const answer = await replay.steps(at, until, stepMs);
    times.push((performance.now() - t0) / 1000);
    if (answer.until <= at) break;
    states += answer.steps.reduce((sum, step) => sum + step.vehicles.count, 0);
    steps += answer.steps.length;
    served = answer.until - from;
    at = answer.until;
  }
  const work = times.reduce((sum, t) => sum + t, 0);
  const playback = served / 60_000;
  return `| playback at 60× (the page asks for 15 s steps), ${times.length} requests one after another as the page makes them: ${served / 1000} s of history served (${playback.toFixed(2)} s of playback at 60×) in ${steps} steps, ${states.toLocaleString('en')} vehicle states; slowest request ${Math.max(...times).toFixed(2)} s; work per second of playback ${(work / playback).toFixed(2)} s | ${work.toFixed(2)} s |`;
}

/**
 * The settled past played at 60× with no step cache, as the replay worker answers each request:
 * the steps read from fleet.snapshots, then the answer's body encoded for a browser (deflated).
 * Played three times, the work per whole-fleet step of each pass.
 */
async function timeSnapshotSteps(replay: ReplayService, from: number, until: number): Promise<string> {
  const perStep: number[] = [];
  let steps = 0;
  for (let pass = 0; pass < 3; pass += 1) {
    const t0 = performance.now();
    steps = 0;
    // Up to the last whole step: a stretch shorter than a step is read from the fixes, as the page reads the present.
    for (let at = from; at + STEP_MS_AT_60X <= until;) {
      const answer = await replay.steps(at, until, STEP_MS_AT_60X);
      encodeBody(stepsSegments(answer), 'deflate');
      const fromFixes = answer.steps.filter((step) => step.source !== 'snapshots').length;
      if (fromFixes > 0) throw new Error(`${fromFixes} steps before ${new Date(until).toISOString()} did not come from fleet.snapshots`);
      steps += answer.steps.length;
      if (answer.until <= at) break;
      at = answer.until;
    }
    perStep.push((performance.now() - t0) / steps);
  }
  const ms = perStep.map((t) => t.toFixed(0)).join(', ');
  return `| playback at 60× from fleet.snapshots with no step cache (viewers of different stretches), read, checked, serialized and deflated as the replay worker answers: ${steps} whole-fleet steps a pass, 3 passes; ms of work per step | ${ms} ms |`;
}

/** One steps request, with the history it served (a snapshot-served answer may end before `until`) and the wall time of playback that covers at 60×. */
async function timeSteps(replay: ReplayService, from: number, until: number, stepMs: number, how: string): Promise<string> {
  const t0 = performance.now();
  const steps = await replay.steps(from, until, stepMs);
  const seconds = (performance.now() - t0) / 1000;
  const served = steps.until - steps.from;
  const states = steps.steps.reduce((sum, step) => sum + step.vehicles.count, 0);
  return `| playback steps ${how}: ${served / 1000} s of history served (${(served / 60_000).toFixed(2)} s of playback at 60×), ${steps.steps.length} steps of ${steps.stepMs / 1000} s, ${states.toLocaleString('en')} vehicle states | ${seconds.toFixed(2)} s |`;
}

/** The real fleet-snapshot job over the written history, until a scene at `at` starts from a snapshot within an interval of it. */
async function runSnapshotJob(group: ProcessGroup, brokers: string, at: number, replay: ReplayService, interval: number): Promise<void> {
  await ensureFlinkJar(console.log);
  const checkpoints = path.join('.data', `bench-replay-checkpoints-${PORT}`);
  fs.rmSync(checkpoints, { recursive: true, force: true });
  const t0 = Date.now();
  group.start(
    flinkRunnerSpec(['fleet-snapshot'], {
      KAFKA_BROKERS: brokers,
      FLINK_REST_PORT: String(FLINK_REST_PORT),
      FLINK_PROMETHEUS_PORT: String(FLINK_REST_PORT + 1),
      FLINK_CHECKPOINT_DIR: checkpoints,
    }),
  );
  await waitForFlinkJobs(`http://127.0.0.1:${FLINK_REST_PORT}`, 120_000, ['fleet-snapshot']);
  for (;;) {
    const probe = await replay.scene(at);
    if (probe.snapshotAt !== undefined && at - probe.snapshotAt < interval) break;
    if (Date.now() - t0 > 300_000)
      throw new Error('the fleet-snapshot job wrote no snapshot of the history within 5 minutes; see .data/bench-replay-flink.log');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
  console.log(`the fleet-snapshot job covered ${HISTORY_S} s of history in ${((Date.now() - t0) / 1000).toFixed(0)} s (start included)`);
}

async function writeHistory(kafka: Kafka, start: number, retentionMs: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, productTopicSpecs({ vehicleStateRetentionMs: retentionMs }), 1, pino({ level: 'warn' }));
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const t0 = Date.now();
  for (let second = 0; second < HISTORY_S; second += 1) {
    const ts = start + second * 1000;
    const messages = Array.from({ length: VEHICLES }, (_, i) => {
      const state: VehicleState = {
        vehicleId: `bench-${i}`,
        fleet: 'cabs',
        ts,
        lat: 52.4 + (i % 100) * 0.001,
        lon: 13.3 + second * 0.0001,
        speedKmh: 40,
        headingDeg: 90,
        engineTempC: 90,
        fuelPct: 60,
        ignition: true,
        plate: `B-${i}`,
        driver: 'Bench',
        status: 'moving',
      };
      return { key: state.vehicleId, value: JSON.stringify(state), timestamp: String(ts) };
    });
    await producer.send({ topic: TOPICS.vehicleState, messages });
  }
  await producer.disconnect();
  console.log(`wrote ${(VEHICLES * HISTORY_S).toLocaleString('en')} records in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function writeResults(lines: string[], snapshotIntervalMs: number): void {
  const text = [
    '# Time travel (bench/replay.ts)',
    '',
    `${new Date().toISOString()}, ${os.cpus().length} cores, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} (1/5/15 min; the machine is shared with other agents).`,
    `${VEHICLES.toLocaleString('en')} vehicles, one fix per second, ${HISTORY_S} s of history, REPLAY_LOOKBACK_S=${LOOKBACK_S}, FLEET_SNAPSHOT_INTERVAL_S=${snapshotIntervalMs / 1000}; the BFF's ReplayService in process (no browser: the map's draw is not included), snapshots written by the fleet-snapshot Flink job from that history.`,
    '',
    '| what | time |',
    '| --- | --- |',
    ...lines,
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  fs.writeFileSync(RESULTS, text + notesBelow(RESULTS));
  console.log(text);
}

/** The sections written by hand under the figures (from the first `## ` heading on): a new run replaces only the figures. */
function notesBelow(file: string): string {
  const previous = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const notes = previous.indexOf('\n## ');
  return notes < 0 ? '' : previous.slice(notes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
