import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { z } from 'zod';

import type { AutoResolveRules } from '@/lib/alerts/auto-resolve';
import { parseAutoResolve } from '@/lib/alerts/auto-resolve';
import type { Role } from '@/lib/auth/roles';
import { ROLES, roleSchema } from '@/lib/auth/roles';
import { simulatorEnvShape } from '@/pipeline/simulator/settings';
import { ConfigError, envBool as bool, envInt as int, envPositive as positive, parseEnv, settingsOrExit } from '@/platform/env';
import type { KafkaSettings } from '@/platform/kafka/settings';
import { kafkaEnvShape, kafkaProblems, toKafkaSettings } from '@/platform/kafka/settings';
import type { LogSettings } from '@/platform/logger';
import { logEnvShape } from '@/platform/logger';

import { hashPassword, hashToken } from './auth/passwords';

export { ConfigError };
export type { KafkaConnectionConfig } from '@/platform/kafka/settings';

/**
 * The BFF's settings (and the Node processors'), read from the environment once. Every setting is
 * listed in the README's settings table; `loadConfig` validates them all at start and reports
 * every problem at once. The Kafka and log settings are the shared ones of `platform/`; the
 * simulator and the scenario CLI read only those (and their own), never this module.
 */
const envSchema = z.object({
  ...kafkaEnvShape,

  // The BFF.
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(3000),
  BFF_INSTANCE_ID: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
  FLEET_TICK_MS: int(16, 10_000).default(30),
  FLEET_REPLAY_MINUTES: int(0, 24 * 60).default(15),
  FLEET_OFFLINE_AFTER_S: int(5, 3600).default(30),
  ALERTS_MAX: int(100, 1_000_000).default(20_000),
  FLEET_DELAYED_AFTER_S: int(1, 3600).default(5),
  FLEET_FROZEN_GPS_AFTER_S: int(2, 3600).default(10),
  // Time travel on the fleet page (server/fleet/replay-service.ts).
  REPLAY_MAX_SESSIONS: int(1, 100).default(4),
  REPLAY_LOOKBACK_S: int(5, 3600).default(120),
  // The fleet-snapshot job's interval (the same setting): where a replay looks for the snapshot before a moment.
  FLEET_SNAPSHOT_INTERVAL_S: int(1, 3600).default(5),
  REPLAY_MAX_RECORDS: int(1_000, 100_000_000).default(2_000_000),
  REPLAY_ALERT_LOOKBACK_H: int(1, 24 * 30).default(24),
  REPLAY_STEP_CACHE_MB: int(0, 65_536).default(128),
  REPLAY_STEP_CACHE_AFTER_S: int(0, 86_400).default(60),
  TRIP_MAX_POINTS: int(10, 100_000).default(2_000),
  TRIP_MAX_FIXES: int(1_000, 10_000_000).default(200_000),
  TRIP_STOP_MIN_S: int(10, 86_400).default(120),
  FLEET_MAP_STYLE_URL: z
    .string()
    .regex(/^(https?:\/\/[^\s/]+\/|\/)\S*$/, 'a MapLibre style URL: https://host/… or a path on this site')
    .optional(),
  // The sales processor.
  SALES_ALLOWED_LATENESS_S: int(0, 3600).default(30),
  SALES_UNKNOWN_STORE_WAIT_S: int(0, 3600).default(15),
  SALES_DEDUP_WINDOW_S: int(1, 86_400).default(600),
  // The Sales page: the generator's prices carry no currency, so the operator names it.
  SALES_CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .refine((code) => Intl.supportedValuesOf('currency').includes(code), 'an ISO 4217 currency code this runtime knows (USD, EUR, GBP, ...)')
    .default('USD'),
  // The occupancy processor's capacity alerts.
  ZONE_ALERT_THRESHOLD_PCT: positive(1_000).default(90),
  ZONE_ALERT_HYSTERESIS_PCT: z.coerce.number().min(0).max(100).default(10),
  // The anomaly processor.
  ANOMALY_FIRE_AFTER_S: int(1, 3600).default(10),
  ANOMALY_CLEAR_AFTER_S: int(1, 3600).default(10),
  ANOMALY_ALLOWED_LATENESS_MS: int(0, 60_000).default(500),
  ANOMALY_WARMUP_SAMPLES: int(1, 100_000).default(30),
  ANOMALY_REPLAY_S: int(0, 24 * 3600).default(120),
  ANOMALY_RELEARN_AFTER_S: int(60, 7 * 24 * 3600).default(900),
  ANOMALY_SETTLE_AFTER_S: int(60, 7 * 24 * 3600).default(1800),
  PUBLIC_URL: z.url().optional(),
  // The stream jobs on Flink (pipeline/flink): the embedded runner and what the BFF asks about them.
  FLINK_REST_PORT: int(1, 65_535).default(8081),
  FLINK_REST_URL: z.url().optional(),
  FLINK_PROMETHEUS_PORT: int(1, 65_535).default(9249),
  FLINK_CHECKPOINT_DIR: z.string().min(1).default('.data/flink/checkpoints'),
  FLINK_CHECKPOINT_INTERVAL_S: z.coerce.number().min(0.1).max(3600).default(10),
  FLINK_PARALLELISM: int(1, 256).default(1),
  // Health: how the BFF finds out that Kafka is gone, and what readiness asks of the jobs.
  KAFKA_PROBE_INTERVAL_MS: int(500, 60_000).default(2_000),
  KAFKA_PROBE_TIMEOUT_MS: int(200, 60_000).default(5_000),
  READY_REQUIRES_JOBS: bool.default(true),
  // The consumer lag monitor.
  LAG_POLL_INTERVAL_MS: int(500, 300_000).default(5_000),
  LAG_GROUPS_ALLOW: z.string().optional(),
  LAG_GROUPS_DENY: z.string().optional(),
  LAG_WINDOW_POLLS: int(2, 200).default(6),
  LAG_ALLOWED_MESSAGES: int(0, 1_000_000_000).default(1_000),
  LAG_ALERT_SECONDS: positive(7 * 86_400).default(300),
  LAG_HISTORY_MINUTES: int(60, 24 * 60).default(60),
  LAG_TIMESTAMP_LOOKUPS: int(0, 100_000).default(500),
  LAG_CONCURRENCY: int(1, 256).default(16),
  LAG_CLUSTER_NAME: z
    .string()
    .regex(/^[\w.-]+$/)
    .default('default'),
  // Notifications (Alertmanager-format routes and receivers); unset ALERTING_CONFIG: nothing is sent.
  ALERTING_CONFIG: z.string().min(1).optional(),
  NOTIFY_MAX_ATTEMPTS: int(1, 100).default(8),
  NOTIFY_BACKOFF_MAX_S: int(1, 3600).default(16),
  NOTIFY_TIMEOUT_S: int(1, 300).default(10),

  // Access control.
  DEMO_MODE: bool.default(false),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 33`)').optional(),
  AUTH_USERS: z
    .string()
    .regex(
      /^[\w.@-]+:(fleet|security|platform|admin):scrypt\$[\w-]+\$[\w-]+(,[\w.@-]+:(fleet|security|platform|admin):scrypt\$[\w-]+\$[\w-]+)*$/,
      'name:role:scrypt-hash,... (npm run auth -- hash-password)',
    )
    .optional(),
  AUTH_API_TOKENS: z
    .string()
    .regex(
      /^[\w.@-]+:(fleet|security|platform|admin):[0-9a-f]{64}(,[\w.@-]+:(fleet|security|platform|admin):[0-9a-f]{64})*$/,
      'name:role:sha256-hex,... (npm run auth -- hash-token)',
    )
    .optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_DISPLAY_NAME: z.string().min(1).default('Single sign-on'),
  METRICS_TOKEN: z.string().min(16).optional(),
  SIGNIN_ATTEMPTS_PER_MINUTE: int(1, 10_000).default(10),
  SOCKET_EVENTS_PER_SECOND: int(1, 10_000).default(20),
  SOCKET_CONNECTIONS_PER_USER: int(1, 10_000).default(20),
  MAX_BODY_BYTES: int(1_024, 100 * 1024 * 1024).default(65_536),
  SESSION_MAX_HOURS: positive(24 * 30).default(12),
  SESSION_RECHECK_S: int(1, 60).default(30),
  WRITES_PER_MINUTE: int(1, 100_000).default(60),
  ALERT_NOTE_MAX_CHARS: int(1, 4_000).default(1_000),
  ALERT_ACTIONS_MAX: int(1, 100_000).default(200),
  SILENCE_MAX_HOURS: positive(24 * 365).default(168),
  ALERTS_AUTO_RESOLVE: z
    .string()
    .optional()
    .superRefine((value, context) => {
      try {
        parseAutoResolve(value);
      } catch (error) {
        context.addIssue({ code: 'custom', message: (error as Error).message });
      }
    }),
  // The fleet map draws the streets of the simulator with this seed (the simulator's own setting).
  SIM_SEED: simulatorEnvShape.SIM_SEED,
  ...logEnvShape,
});

export type Env = z.infer<typeof envSchema>;

export interface LagConfig {
  pollIntervalMs: number;
  /** Group name patterns (`*` wildcards); empty allow list: every group. */
  allow: string[];
  deny: string[];
  windowPolls: number;
  allowedLag: number;
  alertSeconds: number;
  historyMinutes: number;
  timestampLookups: number;
  concurrency: number;
  /** The `cluster_name` label of the kafka-lag-exporter metrics. */
  clusterName: string;
}

export interface Config extends KafkaSettings {
  bff: {
    host: string;
    port: number;
    instanceId: string;
    fleetTickMs: number;
    fleetReplayMinutes: number;
    fleetOfflineAfterMs: number;
    alertsMax: number;
    fleetDelayedAfterMs: number;
    fleetFrozenGpsAfterMs: number;
    /** Raster tiles under the fleet map (`{z}/{x}/{y}` template); unset: the map draws its own light base. */
    /** A MapLibre style for the fleet map's base; unset, the map draws the simulator's own streets. */
    fleetMapStyleUrl?: string;
    /** SIM_SEED: the simulator whose streets the map draws when no style is set. */
    streetMapSeed: number;
    /** Largest request body accepted on any route; bigger ones get 413 before they are read. */
    maxBodyBytes: number;
  };
  /** Limits on what people may write to the shared inbox. */
  alertLimits: AlertLimits;
  /** ALERTS_AUTO_RESOLVE: per team and kind, how long after clearing an untouched alert resolves itself (empty: never). */
  alertAutoResolve: AutoResolveRules;
  log: LogSettings;
  /** currency: SALES_CURRENCY, the ISO 4217 code every amount on the Sales page is shown in. */
  sales: { allowedLatenessMs: number; unknownStoreWaitMs: number; dedupWindowMs: number; currency: string };
  occupancy: { thresholdPct: number; hysteresisPct: number };
  lag: LagConfig;
  health: HealthConfig;
  /** configFile unset: no notifications, the inbox works alone. */
  notify: { configFile?: string; maxAttempts: number; backoffMaxMs: number; timeoutMs: number };
  replay: ReplayConfig;
  /**
   * relearnAfterMs: a vehicle silent longer than this warms up again (its learned bands are dropped).
   * settleAfterMs: a tank holding one level this long while firing has a new normal (the weather moved it).
   */
  anomaly: {
    fireAfterMs: number;
    clearAfterMs: number;
    allowedLatenessMs: number;
    warmupSamples: number;
    replayMs: number;
    relearnAfterMs: number;
    settleAfterMs: number;
  };
  flink: FlinkConfig;
  auth: AuthConfig;
}

export interface HealthConfig {
  probeIntervalMs: number;
  probeTimeoutMs: number;
  /** False: readiness does not ask Flink (a BFF whose jobs run where it cannot see them). */
  readyRequiresJobs: boolean;
}

/** Time travel: how many replays read Kafka at once per BFF, and how much each may read. */
export interface ReplayConfig {
  maxSessions: number;
  /** How far before a chosen moment is read to know every vehicle's last state when no snapshot is found. */
  lookbackMs: number;
  /** How often the fleet-snapshot job writes fleet.snapshots (FLEET_SNAPSHOT_INTERVAL_S). */
  snapshotIntervalMs: number;
  /** Records one replay request may read (memory bound); more gets a clear refusal. */
  maxRecords: number;
  /** How far before a moment fleet.anomalies is read to know the alerts open then. */
  alertLookbackMs: number;
  /** fleet.vehicle-state's retention (FLEET_STATE_RETENTION_H): the oldest moment offered. */
  retentionMs: number;
  /** Bytes of serialized whole-fleet playback steps the replay worker keeps (REPLAY_STEP_CACHE_MB); 0 keeps none. */
  stepCacheBytes: number;
  /** How old a snapshot moment must be to be cached (REPLAY_STEP_CACHE_AFTER_S): the fleet-snapshot job has written all of it by then. */
  stepCacheAfterMs: number;
  trip: TripConfig;
}

/** A vehicle's trip history: the route's points sent (thinned evenly beyond), the fixes one request may hold, and how long standing still is a stop. */
export interface TripConfig {
  maxPoints: number;
  maxFixes: number;
  stopMinMs: number;
}

export interface AlertLimits {
  noteMaxChars: number;
  /** Actions one alert keeps; more are refused (and ignored when read back from Kafka). */
  actionsMax: number;
  silenceMaxMs: number;
}

export interface FlinkConfig {
  /** Where the embedded runner serves Flink's web UI and REST API (loopback). */
  restPort: number;
  /** Where the BFF asks Flink's REST API for the jobs' states: the embedded runner's, or a cluster's JobManager. */
  restUrl: string;
  prometheusPort: number;
  /** Folder or any Flink file-system URI (s3://...); one sub-folder per job. */
  checkpointDir: string;
  checkpointIntervalS: number;
  parallelism: number;
}

export interface AuthConfig {
  demoMode: boolean;
  secret: string;
  publicUrl: string;
  /** Local users; passwords only as scrypt hashes. */
  users: { name: string; role: Role; passwordHash: string }[];
  /** Machine clients; tokens only as SHA-256 hashes. */
  apiTokens: { name: string; role: Role; tokenHash: string }[];
  oidc?: { issuer: string; clientId: string; clientSecret: string; roleClaim: string; displayName: string };
  metricsToken?: string;
  signInAttemptsPerMinute: number;
  socketEventsPerSecond: number;
  socketConnectionsPerUser: number;
  /** Absolute lifetime of a session from its sign-in; renewing it does not extend this. */
  sessionMaxMs: number;
  /** How often open sockets' sessions are checked again (revocation, removed user, role). */
  sessionRecheckMs: number;
  writesPerMinute: number;
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return toConfig(parseEnv(envSchema, env, crossFieldProblems));
}

function crossFieldProblems(e: Env): string[] {
  const problems = kafkaProblems(e);
  if (!e.DEMO_MODE && !e.PUBLIC_URL) problems.push('PUBLIC_URL is required outside demo mode: sign-in redirects, cookie security and the origin checks use it');
  if (e.DEMO_MODE && !isLoopback(e.HOST))
    problems.push(
      `DEMO_MODE=true refused on HOST=${e.HOST}: demo accounts have well-known passwords, so demo mode listens on a loopback address only (127.0.0.1, ::1, localhost)`,
    );
  if (!e.DEMO_MODE && !e.AUTH_SECRET) problems.push('AUTH_SECRET is required outside demo mode: it signs the session cookies');
  if (!e.DEMO_MODE && !e.AUTH_USERS && !e.OIDC_ISSUER) {
    problems.push('no way to sign in: set AUTH_USERS (local users) or OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET (outside demo mode)');
  }
  if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) problems.push('OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required');
  if (e.ZONE_ALERT_HYSTERESIS_PCT >= e.ZONE_ALERT_THRESHOLD_PCT)
    problems.push('ZONE_ALERT_HYSTERESIS_PCT must be below ZONE_ALERT_THRESHOLD_PCT, or an alert could never clear');
  if (e.REPLAY_LOOKBACK_S * 1000 > e.FLEET_STATE_RETENTION_H * 3_600_000)
    problems.push('REPLAY_LOOKBACK_S must not exceed FLEET_STATE_RETENTION_H: a replay would read before the start of retention');
  if (e.FLINK_REST_PORT === e.FLINK_PROMETHEUS_PORT) problems.push('FLINK_REST_PORT and FLINK_PROMETHEUS_PORT must differ');
  return problems;
}

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

function toConfig(e: Env): Config {
  return {
    ...toKafkaSettings(e),
    bff: {
      host: e.HOST,
      port: e.PORT,
      instanceId: e.BFF_INSTANCE_ID ?? `${os.hostname().replace(/[^\w.-]/g, '-')}-${process.pid}`,
      fleetTickMs: e.FLEET_TICK_MS,
      fleetReplayMinutes: e.FLEET_REPLAY_MINUTES,
      fleetOfflineAfterMs: e.FLEET_OFFLINE_AFTER_S * 1000,
      alertsMax: e.ALERTS_MAX,
      fleetDelayedAfterMs: e.FLEET_DELAYED_AFTER_S * 1000,
      fleetFrozenGpsAfterMs: e.FLEET_FROZEN_GPS_AFTER_S * 1000,
      fleetMapStyleUrl: e.FLEET_MAP_STYLE_URL,
      streetMapSeed: e.SIM_SEED,
      maxBodyBytes: e.MAX_BODY_BYTES,
    },
    alertLimits: { noteMaxChars: e.ALERT_NOTE_MAX_CHARS, actionsMax: e.ALERT_ACTIONS_MAX, silenceMaxMs: e.SILENCE_MAX_HOURS * 3_600_000 },
    alertAutoResolve: parseAutoResolve(e.ALERTS_AUTO_RESOLVE),
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    sales: {
      allowedLatenessMs: e.SALES_ALLOWED_LATENESS_S * 1000,
      unknownStoreWaitMs: e.SALES_UNKNOWN_STORE_WAIT_S * 1000,
      dedupWindowMs: e.SALES_DEDUP_WINDOW_S * 1000,
      currency: e.SALES_CURRENCY,
    },
    occupancy: { thresholdPct: e.ZONE_ALERT_THRESHOLD_PCT, hysteresisPct: e.ZONE_ALERT_HYSTERESIS_PCT },
    lag: {
      pollIntervalMs: e.LAG_POLL_INTERVAL_MS,
      allow: patternList(e.LAG_GROUPS_ALLOW),
      deny: patternList(e.LAG_GROUPS_DENY),
      windowPolls: e.LAG_WINDOW_POLLS,
      allowedLag: e.LAG_ALLOWED_MESSAGES,
      alertSeconds: e.LAG_ALERT_SECONDS,
      historyMinutes: e.LAG_HISTORY_MINUTES,
      timestampLookups: e.LAG_TIMESTAMP_LOOKUPS,
      concurrency: e.LAG_CONCURRENCY,
      clusterName: e.LAG_CLUSTER_NAME,
    },
    health: { probeIntervalMs: e.KAFKA_PROBE_INTERVAL_MS, probeTimeoutMs: e.KAFKA_PROBE_TIMEOUT_MS, readyRequiresJobs: e.READY_REQUIRES_JOBS },
    notify: {
      configFile: e.ALERTING_CONFIG,
      maxAttempts: e.NOTIFY_MAX_ATTEMPTS,
      backoffMaxMs: e.NOTIFY_BACKOFF_MAX_S * 1000,
      timeoutMs: e.NOTIFY_TIMEOUT_S * 1000,
    },
    replay: {
      maxSessions: e.REPLAY_MAX_SESSIONS,
      lookbackMs: e.REPLAY_LOOKBACK_S * 1000,
      snapshotIntervalMs: e.FLEET_SNAPSHOT_INTERVAL_S * 1000,
      maxRecords: e.REPLAY_MAX_RECORDS,
      alertLookbackMs: e.REPLAY_ALERT_LOOKBACK_H * 3_600_000,
      retentionMs: Math.round(e.FLEET_STATE_RETENTION_H * 3_600_000),
      stepCacheBytes: e.REPLAY_STEP_CACHE_MB * 1024 * 1024,
      stepCacheAfterMs: e.REPLAY_STEP_CACHE_AFTER_S * 1000,
      trip: { maxPoints: e.TRIP_MAX_POINTS, maxFixes: e.TRIP_MAX_FIXES, stopMinMs: e.TRIP_STOP_MIN_S * 1000 },
    },
    anomaly: {
      fireAfterMs: e.ANOMALY_FIRE_AFTER_S * 1000,
      clearAfterMs: e.ANOMALY_CLEAR_AFTER_S * 1000,
      allowedLatenessMs: e.ANOMALY_ALLOWED_LATENESS_MS,
      warmupSamples: e.ANOMALY_WARMUP_SAMPLES,
      replayMs: e.ANOMALY_REPLAY_S * 1000,
      relearnAfterMs: e.ANOMALY_RELEARN_AFTER_S * 1000,
      settleAfterMs: e.ANOMALY_SETTLE_AFTER_S * 1000,
    },
    flink: {
      restPort: e.FLINK_REST_PORT,
      restUrl: (e.FLINK_REST_URL ?? `http://127.0.0.1:${e.FLINK_REST_PORT}`).replace(/\/$/, ''),
      prometheusPort: e.FLINK_PROMETHEUS_PORT,
      checkpointDir: e.FLINK_CHECKPOINT_DIR,
      checkpointIntervalS: e.FLINK_CHECKPOINT_INTERVAL_S,
      parallelism: e.FLINK_PARALLELISM,
    },
    auth: toAuthConfig(e),
  };
}

function patternList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern.length > 0);
}

/** The demo's well-known accounts (README): only ever active with DEMO_MODE=true. */
export const DEMO_PASSWORD = 'demo';
export const DEMO_ADMIN_TOKEN = 'demo-admin-token';

function toAuthConfig(e: Env): AuthConfig {
  const demo = e.DEMO_MODE;
  return {
    demoMode: demo,
    secret: e.AUTH_SECRET ?? demoSecret(),
    publicUrl: (e.PUBLIC_URL ?? `http://${e.HOST === '0.0.0.0' ? '127.0.0.1' : e.HOST}:${e.PORT}`).replace(/\/$/, ''),
    users: [...parseEntries(e.AUTH_USERS).map(([name, role, passwordHash]) => ({ name, role, passwordHash })), ...(demo ? demoUsers() : [])],
    apiTokens: [
      ...parseEntries(e.AUTH_API_TOKENS).map(([name, role, tokenHash]) => ({ name, role, tokenHash })),
      ...(demo ? [{ name: 'demo-admin', role: 'admin' as const, tokenHash: hashToken(DEMO_ADMIN_TOKEN) }] : []),
    ],
    oidc:
      e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET
        ? {
            issuer: e.OIDC_ISSUER,
            clientId: e.OIDC_CLIENT_ID,
            clientSecret: e.OIDC_CLIENT_SECRET,
            roleClaim: e.OIDC_ROLE_CLAIM,
            displayName: e.OIDC_DISPLAY_NAME,
          }
        : undefined,
    metricsToken: e.METRICS_TOKEN,
    signInAttemptsPerMinute: e.SIGNIN_ATTEMPTS_PER_MINUTE,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
    socketConnectionsPerUser: e.SOCKET_CONNECTIONS_PER_USER,
    sessionMaxMs: Math.round(e.SESSION_MAX_HOURS * 3_600_000),
    sessionRecheckMs: e.SESSION_RECHECK_S * 1000,
    writesPerMinute: e.WRITES_PER_MINUTE,
  };
}

function parseEntries(value: string | undefined): [string, Role, string][] {
  if (!value) return [];
  return value.split(',').map((entry) => {
    const [name = '', role = '', ...rest] = entry.split(':');
    return [name, roleSchema.parse(role), rest.join(':')];
  });
}

let demoUserCache: AuthConfig['users'] | undefined;
function demoUsers(): AuthConfig['users'] {
  demoUserCache ??= ROLES.map((role) => ({ name: role, role, passwordHash: hashPassword(DEMO_PASSWORD) }));
  return demoUserCache;
}

/**
 * Demo mode without AUTH_SECRET gets a random secret kept in `.data/demo-auth-secret`, so a
 * restarted server still accepts the sessions it issued (the page reconnects instead of asking
 * for a new sign-in) and every process of one checkout agrees on it.
 */
const DEMO_SECRET_FILE = path.join('.data', 'demo-auth-secret');
function demoSecret(): string {
  if (!fs.existsSync(DEMO_SECRET_FILE)) {
    fs.mkdirSync(path.dirname(DEMO_SECRET_FILE), { recursive: true });
    // 'wx' fails when another process wrote it first; that process's secret is then the one read below.
    try {
      fs.writeFileSync(DEMO_SECRET_FILE, randomBytes(33).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch {
      // Written by a concurrent process: fine.
    }
  }
  return fs.readFileSync(DEMO_SECRET_FILE, 'utf8').trim();
}

let cached: Config | undefined;

/** The process's configuration, validated once on first use. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/** For entry points: the configuration, or a clear list of what is wrong and exit code 2. */
export function getConfigOrExit(): Config {
  return settingsOrExit(getConfig);
}
