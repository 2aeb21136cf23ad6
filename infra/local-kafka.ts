// A local single-node Kafka (KRaft, broker+controller in one JVM) built from Maven Central jars,
// for development and tests without Docker. The version is pinned once, in infra/kafka/pom.xml.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';

import { Kafka, logLevel } from 'kafkajs';

import {
  brokerJvmArgs,
  generateClusterId,
  javaClassArgs,
  mavenProgressLine,
  parseJavaMajor,
  parseKafkaVersion,
  scramFormatArgs,
  serverProperties,
  tailLines,
} from './local-kafka-config';
import type { ClusterNode, SecuredListeners } from './local-kafka-config';

const INFRA_DIR = __dirname;
const REPO_ROOT = path.resolve(INFRA_DIR, '..');
const KAFKA_DIR = path.join(INFRA_DIR, 'kafka');
const POM = path.join(KAFKA_DIR, 'pom.xml');

export const KAFKA_VERSION: string = parseKafkaVersion(readFileSync(POM, 'utf8'));

const LIB_DIR = path.join(KAFKA_DIR, 'target', `lib-${KAFKA_VERSION}`);
const INSTALLED_MARKER = path.join(LIB_DIR, '.installed');
const READY_TIMEOUT_MS = 120_000;
const STOP_GRACE_MS = 15_000;

export interface LocalKafkaOptions {
  port: number;
  /** Defaults to port + 1. */
  controllerPort?: number;
  /** Absolute, or relative to the repo root. */
  dataDir: string;
  onProgress?: (line: string) => void;
  /** TLS and SASL listeners beside the plaintext one (the deployment-like tests). */
  secured?: SecuredListeners;
  /** One node of a local multi-node cluster, all formatted with the same cluster id (see local-cluster.ts). */
  cluster?: ClusterNode & { clusterId: string };
  /** How long it may take to answer (default 120 s): a node restarted on a loaded machine catches up slowly. */
  readyTimeoutMs?: number;
  /** See BrokerSettings.groupInitialRebalanceDelayMs (default 0). */
  groupInitialRebalanceDelayMs?: number;
}

export interface LocalKafka {
  /** "127.0.0.1:<port>" */
  brokers: string;
  pid: number;
  /** SIGTERM, then SIGKILL after ~15 s; resolves once the JVM is gone. */
  stop(): Promise<void>;
  /** The JVM's exit code (143 after a SIGTERM shutdown), or null if a signal killed it outright. */
  exited: Promise<number | null>;
}

type Progress = (line: string) => void;
const quiet: Progress = () => undefined;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True if `promise` settles within `ms`; the timer never keeps the process alive afterwards. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function resolveDataDir(dataDir: string): string {
  return path.resolve(REPO_ROOT, dataDir);
}

function display(p: string): string {
  const rel = path.relative(REPO_ROOT, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** The JVM to run: JAVA_HOME's when set, else `java` on PATH. */
export function javaCommand(): string {
  const fromHome = process.env.JAVA_HOME && path.join(process.env.JAVA_HOME, 'bin', 'java');
  return fromHome && existsSync(fromHome) ? fromHome : 'java';
}

function checkJava(): void {
  const java = javaCommand();
  const out = spawnSync(java, ['-version'], { encoding: 'utf8' });
  if (out.error) {
    throw new Error(
      `Java 17+ is needed to run Kafka, but '${java}' could not be run (${out.error.message}). ` +
        'Install it, e.g. `sudo apt-get install openjdk-17-jre-headless` or `brew install openjdk@17`, or set JAVA_HOME.',
    );
  }
  const major = parseJavaMajor(`${out.stderr}${out.stdout}`);
  if (major === undefined || major < 17) {
    throw new Error(
      `Kafka ${KAFKA_VERSION} needs Java 17+, but '${java}' is ${major ?? 'of unknown version'}. ` +
        'Install a newer JDK (e.g. `sudo apt-get install openjdk-17-jre-headless`) and put it first on PATH or in JAVA_HOME.',
    );
  }
}

function pomHash(): string {
  return createHash('sha256').update(readFileSync(POM)).digest('hex');
}

function isInstalled(): boolean {
  try {
    return readFileSync(INSTALLED_MARKER, 'utf8') === pomHash() && existsSync(path.join(LIB_DIR, `kafka_2.13-${KAFKA_VERSION}.jar`));
  } catch {
    return false;
  }
}

function runMaven(libDir: string, onProgress: Progress): Promise<void> {
  const args = ['-B', '-Dstyle.color=never', `-Dkafka.lib.dir=${libDir}`, '-f', POM, 'dependency:copy-dependencies'];
  return new Promise((resolve, reject) => {
    const mvn = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const recent: string[] = [];
    for (const stream of [mvn.stdout, mvn.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        recent.push(line);
        if (recent.length > 40) recent.shift();
        const shown = mavenProgressLine(line);
        if (shown !== undefined) onProgress(shown);
      });
    }
    mvn.once('error', (err) =>
      reject(
        new Error(
          `Maven is needed to fetch Kafka from Maven Central, but 'mvn' could not be run (${err.message}). ` +
            'Install it, e.g. `sudo apt-get install maven` or `brew install maven`.',
        ),
      ),
    );
    mvn.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`mvn dependency:copy-dependencies failed (exit ${code}):\n${recent.join('\n')}`));
    });
  });
}

/** Downloads the broker and CLI jars into infra/kafka/target/lib-<version>/ unless already there. */
export async function ensureKafkaInstalled(onProgress: Progress = quiet): Promise<string> {
  checkJava();
  if (isInstalled()) return LIB_DIR;
  onProgress(`installing Kafka ${KAFKA_VERSION} from Maven Central into ${display(LIB_DIR)}…`);
  const t0 = Date.now();
  // Built aside and renamed into place, so a concurrent start never sees a half-filled lib dir,
  // and jars from an older pom never share a classpath with the new ones.
  const staging = `${LIB_DIR}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  try {
    await runMaven(staging, onProgress);
    await writeFile(path.join(staging, path.basename(INSTALLED_MARKER)), pomHash());
    if (!isInstalled()) {
      await rm(LIB_DIR, { recursive: true, force: true });
      await rename(staging, LIB_DIR).catch((err: unknown) => {
        if (!isInstalled()) throw err; // else another process won the race with the same jars
      });
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  onProgress(`Kafka ${KAFKA_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return LIB_DIR;
}

/** java + classpath to run a Kafka CLI class; call ensureKafkaInstalled() first. */
export function kafkaToolArgs(mainClass: string, args: string[]): { command: string; args: string[] } {
  const jvm = ['-Xmx256m', `-Dlog4j2.configurationFile=${path.join(KAFKA_DIR, 'tools-log4j2.xml')}`];
  return { command: javaCommand(), args: javaClassArgs(LIB_DIR, jvm, mainClass, args) };
}

function run(command: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

/** Cluster id if a Kafka broker answers a metadata request at `brokers`, else undefined. */
async function probeCluster(brokers: string, timeoutMs: number): Promise<string | undefined> {
  const kafka = new Kafka({
    clientId: 'local-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    return (await admin.describeCluster()).clusterId;
  } catch {
    return undefined;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

function pidFile(dataDir: string): string {
  return path.join(dataDir, 'kafka.pid');
}

function removePidFileIfOurs(dataDir: string, pid: number): void {
  try {
    if (readFileSync(pidFile(dataDir), 'utf8').trim() === String(pid)) rmSync(pidFile(dataDir), { force: true });
  } catch {
    // already gone (stopLocalKafka or resetLocalKafka got there first)
  }
}

/** The pid recorded in dataDir if that process is alive and is a broker from this dataDir. */
async function runningPid(dataDir: string): Promise<number | undefined> {
  const pid = Number((await readFile(pidFile(dataDir), 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  // Pids get reused: on Linux make sure it is still our JVM (zombies have an empty cmdline).
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => undefined);
  if (cmdline !== undefined && !(cmdline.includes('kafka.Kafka') && cmdline.includes(dataDir))) return undefined;
  return pid;
}

async function formatStorage(dataDir: string, propsFile: string, onProgress: Progress, opts: Pick<LocalKafkaOptions, 'secured' | 'cluster'>): Promise<void> {
  const logDir = path.join(dataDir, 'logs');
  if (existsSync(path.join(logDir, 'meta.properties'))) return;
  const clusterId = opts.cluster?.clusterId ?? generateClusterId();
  // A cluster's quorum is static (controller.quorum.voters), which formats without --standalone.
  const { command, args } = kafkaToolArgs('kafka.tools.StorageTool', [
    'format',
    '--config',
    propsFile,
    '--cluster-id',
    clusterId,
    ...(opts.cluster ? [] : ['--standalone']),
    ...scramFormatArgs(opts.secured),
  ]);
  const { code, output } = await run(command, args);
  if (code !== 0) throw new Error(`formatting ${display(logDir)} failed (exit ${code}):\n${tailLines(output, 20)}`);
  onProgress(`formatted ${display(logDir)} (cluster id ${clusterId})`);
}

export async function startLocalKafka(opts: LocalKafkaOptions & { detached?: boolean }): Promise<LocalKafka> {
  const onProgress = opts.onProgress ?? quiet;
  const dataDir = resolveDataDir(opts.dataDir);
  const { port } = opts;
  const controllerPort = opts.controllerPort ?? port + 1;
  const brokers = `127.0.0.1:${port}`;

  const existing = await runningPid(dataDir);
  if (existing !== undefined) {
    throw new Error(`Kafka is already running from ${display(dataDir)} (pid ${existing}). Stop it with: npx tsx infra/kafka-cli.ts stop`);
  }
  for (const [p, role] of [
    [port, 'broker'],
    [controllerPort, 'controller'],
  ] as const) {
    if (await portFree(p)) continue;
    const clusterId = await probeCluster(`127.0.0.1:${p}`, 1500);
    throw new Error(
      clusterId
        ? `A Kafka broker (cluster ${clusterId}) already answers on 127.0.0.1:${p}, but it was not started from ${display(dataDir)}. Stop it or pick another port (KAFKA_LOCAL_PORT).`
        : `Port ${p} (${role}) on 127.0.0.1 is already in use by another program. Pick another port (KAFKA_LOCAL_PORT).`,
    );
  }

  const libDir = await ensureKafkaInstalled(onProgress);
  await mkdir(dataDir, { recursive: true });
  const propsFile = path.join(dataDir, 'server.properties');
  const logDir = path.join(dataDir, 'logs');
  await writeFile(
    propsFile,
    serverProperties({
      kafkaVersion: KAFKA_VERSION,
      port,
      controllerPort,
      logDir,
      secured: opts.secured,
      cluster: opts.cluster,
      groupInitialRebalanceDelayMs: opts.groupInitialRebalanceDelayMs,
    }),
  );
  await formatStorage(dataDir, propsFile, onProgress, opts);

  onProgress(`starting Kafka ${KAFKA_VERSION} on ${brokers}…`);
  const logFile = path.join(dataDir, 'kafka.log');
  const jvm = brokerJvmArgs({ log4jConfig: path.join(KAFKA_DIR, 'log4j2.xml'), logsDir: dataDir });
  // Appended across runs; remember where this run starts so a failure shows only its own lines.
  const logStart = existsSync(logFile) ? statSync(logFile).size : 0;
  const fd = openSync(logFile, 'a');
  writeSync(fd, `--- ${new Date().toISOString()} starting Kafka ${KAFKA_VERSION} (${display(propsFile)})\n`);
  const detached = opts.detached ?? false;
  const [command, ...args] = withParentDeathSignal(detached, [javaCommand(), ...javaClassArgs(libDir, jvm, 'kafka.Kafka', [propsFile])]);
  // Always its own process group: a Ctrl-C in the terminal reaches only the parent, which stops
  // the broker last, after the processes that use it (an attached broker still dies with its parent).
  const child = spawn(command ?? 'java', args, { stdio: ['ignore', fd, fd], detached: true });
  closeSync(fd);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  if (child.pid === undefined) {
    await exited;
    throw new Error(`could not start '${javaCommand()}'`);
  }
  const pid = child.pid;
  await writeFile(pidFile(dataDir), `${pid}\n`);
  void exited.then(() => removePidFileIfOurs(dataDir, pid));
  if (detached) {
    child.unref();
  } else {
    // Safety net for a parent that exits without calling stop(): never leave the JVM behind.
    const killOnExit = () => {
      child.kill('SIGTERM');
      removePidFileIfOurs(dataDir, pid);
    };
    process.once('exit', killOnExit);
    void exited.then(() => process.off('exit', killOnExit));
  }

  const stop = () => stopChild(child, exited);
  try {
    await waitUntilReady(brokers, exited, { file: logFile, start: logStart }, onProgress, opts.readyTimeoutMs ?? READY_TIMEOUT_MS);
  } catch (err) {
    await stop();
    throw err;
  }
  return { brokers, pid, stop, exited };
}

/**
 * An attached broker must not outlive its parent even when that parent is SIGKILLed (a CI timeout,
 * a crashed test runner), which no exit handler can catch. On Linux, util-linux `setpriv` asks the
 * kernel to SIGTERM the JVM when the thread that spawned it dies (so: spawn from the main thread).
 */
function withParentDeathSignal(detached: boolean, command: string[]): string[] {
  if (detached || process.platform !== 'linux' || !existsSync('/usr/bin/setpriv')) return command;
  return ['/usr/bin/setpriv', '--pdeathsig', 'TERM', ...command];
}

async function waitUntilReady(
  brokers: string,
  exited: Promise<number | null>,
  log: { file: string; start: number },
  onProgress: Progress,
  timeoutMs: number,
): Promise<void> {
  const t0 = Date.now();
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  let nextNote = 5_000;
  for (;;) {
    if (await probeCluster(brokers, 1_000)) break;
    const elapsed = Date.now() - t0;
    if (exitCode !== undefined) {
      const text = (await readFile(log.file).catch(() => Buffer.alloc(0))).subarray(log.start).toString();
      throw new Error(`Kafka exited (code ${exitCode}) before it was ready. Last lines of ${display(log.file)}:\n${tailLines(text, 30)}`);
    }
    if (elapsed > timeoutMs) {
      throw new Error(`Kafka did not answer on ${brokers} within ${timeoutMs / 1000} s; see ${display(log.file)}`);
    }
    if (elapsed >= nextNote) {
      onProgress(`still waiting (${Math.round(elapsed / 1000)} s)…`);
      nextNote += 5_000;
    }
    await sleep(500);
  }
  await warmGroupCoordinator(brokers);
  onProgress(`Kafka ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/**
 * On a fresh broker __consumer_offsets is only created by the first group request, and a kafkajs
 * consumer that arrives while it loads logs a "Crash" and restarts. Pay that wait here instead.
 */
async function warmGroupCoordinator(brokers: string): Promise<void> {
  const kafka = new Kafka({
    clientId: 'local-kafka-probe',
    brokers: [brokers],
    logLevel: logLevel.NOTHING,
    retry: { retries: 10, initialRetryTime: 100 },
  });
  const admin = kafka.admin();
  try {
    await admin.connect();
    await admin.describeGroups(['local-kafka-warmup']);
  } catch {
    // Only an optimisation: consumers cope with a loading coordinator on their own.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await exited;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pid: number, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (alive(pid)) {
    if (Date.now() > deadline) return false;
    await sleep(200);
  }
  return true;
}

/** Stops the broker recorded in dataDir's pid file; false if none was running. */
export async function stopLocalKafka(dataDir: string): Promise<boolean> {
  const dir = resolveDataDir(dataDir);
  const pid = await runningPid(dir);
  if (pid !== undefined) {
    process.kill(pid, 'SIGTERM');
    if (!(await waitGone(pid, STOP_GRACE_MS))) {
      process.kill(pid, 'SIGKILL');
      await waitGone(pid, 5_000);
    }
  }
  await rm(pidFile(dir), { force: true });
  return pid !== undefined;
}

/** Stops the broker if running and deletes dataDir (topics, offsets, logs). */
export async function resetLocalKafka(dataDir: string): Promise<void> {
  const dir = resolveDataDir(dataDir);
  // A mistyped KAFKA_LOCAL_DATA_DIR must never wipe the repo or a parent of it.
  if (dir === path.parse(dir).root || REPO_ROOT === dir || REPO_ROOT.startsWith(dir + path.sep)) {
    throw new Error(`refusing to delete ${dir}: it is the repo, a parent of it, or a filesystem root`);
  }
  await stopLocalKafka(dir);
  await rm(dir, { recursive: true, force: true });
}
