import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { javaCommand } from '../../infra/local-kafka';

import { newestMtime } from './next-build';
import type { ChildEnv, ChildSpec } from './process-group';
import { waitForUrl } from './process-group';
import { ROOT } from './stack';

/** Every stream job of the product, by name (its consumer group is `processor.<name>`). */
export const STREAM_JOBS = ['fleet-state', 'sales', 'occupancy', 'anomaly', 'fleet-snapshot'] as const;
export type StreamJobName = (typeof STREAM_JOBS)[number];

/** The jobs the Flink runner starts (all of them: the Node processors they replaced are gone). */
export const FLINK_JOBS: readonly StreamJobName[] = STREAM_JOBS;

export const FLINK_DIR = path.join(ROOT, 'pipeline', 'flink');
export const FLINK_JAR = path.join(FLINK_DIR, 'target', 'fleetwatch-flink-jobs.jar');
const SOURCES = [path.join(FLINK_DIR, 'src', 'main'), path.join(FLINK_DIR, 'pom.xml')];
const HEARTBEAT_MS = 15_000;

/**
 * Builds the jobs' jar (`mvn package`, about a minute; the first run also downloads Flink from
 * Maven Central) when it is missing or any source is newer, else reuses it. Throws with Maven's
 * output when the build fails.
 */
export async function ensureFlinkJar(log: (line: string) => void): Promise<string> {
  const builtAt = fs.existsSync(FLINK_JAR) ? fs.statSync(FLINK_JAR).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCES.map(newestMtime))) {
    log('Flink jobs are built and up to date');
    return FLINK_JAR;
  }
  log('building the Flink jobs (mvn package: about a minute, the first time longer while Maven downloads Flink)…');
  const started = Date.now();
  await runMaven(['-B', '-q', 'package', '-DskipTests'], (seconds) => log(`still building the Flink jobs… ${seconds} s`));
  log(`Flink jobs built in ${((Date.now() - started) / 1000).toFixed(0)} s: ${path.relative(ROOT, FLINK_JAR)}`);
  return FLINK_JAR;
}

function runMaven(args: string[], heartbeat: (seconds: number) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const mvn = spawn('mvn', args, { cwd: FLINK_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    for (const stream of [mvn.stdout, mvn.stderr]) stream.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    const timer = setInterval(() => heartbeat(Math.round((Date.now() - started) / 1000)), HEARTBEAT_MS);
    mvn.once('error', (error) => {
      clearInterval(timer);
      reject(
        new Error(
          `Maven builds the Flink jobs, but 'mvn' could not be run (${error.message}). Install it, e.g. \`sudo apt-get install maven openjdk-17-jdk-headless\`.`,
        ),
      );
    });
    mvn.once('close', (code) => {
      clearInterval(timer);
      if (code === 0) resolve();
      else reject(new Error(`mvn ${args.join(' ')} in pipeline/flink failed (exit ${code}):\n${output}`));
    });
  });
}

/**
 * The Flink runner: the named jobs on a mini cluster in one JVM, web UI on FLINK_REST_PORT.
 * Settings reach it through the environment, under the same names as everywhere else.
 */
export function flinkRunnerSpec(jobs: readonly string[] = FLINK_JOBS, env: ChildEnv = {}): ChildSpec {
  return { name: 'flink', command: javaCommand(), args: ['-XX:+ExitOnOutOfMemoryError', '-jar', FLINK_JAR, ...jobs], env };
}

/** Every stream job's process: the Flink runner with every job. */
export function streamJobSpecs(env: ChildEnv = {}): ChildSpec[] {
  return [flinkRunnerSpec(FLINK_JOBS, env)];
}

/** One job as Flink's REST API lists it in `/jobs/overview`. */
export interface FlinkJobOverview {
  jid: string;
  name: string;
  state: string;
  'start-time': number;
  tasks: { running: number; finished: number; total: number };
}

/**
 * The newest job of each name that is running with all its tasks up, or undefined for a name that
 * has none (yet). A bounded source (earlier alerts) that had finished before a checkpoint comes
 * back finished, so finished tasks count as up.
 */
export function runningJobs(overview: unknown, names: readonly string[]): (FlinkJobOverview | undefined)[] {
  const jobs = (overview as { jobs?: FlinkJobOverview[] } | undefined)?.jobs ?? [];
  return names.map((name) =>
    jobs
      .filter((job) => job.name === name)
      .sort((a, b) => b['start-time'] - a['start-time'])
      .find((job) => job.state === 'RUNNING' && job.tasks.running > 0 && job.tasks.running + job.tasks.finished === job.tasks.total),
  );
}

/** Waits until Flink's REST API at `restUrl` lists every named job running; returns them. */
export async function waitForFlinkJobs(restUrl: string, timeoutMs: number, names: readonly string[] = FLINK_JOBS): Promise<FlinkJobOverview[]> {
  let jobs: (FlinkJobOverview | undefined)[] = [];
  await waitForUrl(`${restUrl}/jobs/overview`, timeoutMs, (body) => (jobs = runningJobs(body, names)).every(Boolean));
  return jobs.filter((job): job is FlinkJobOverview => job !== undefined);
}
