import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { z } from 'zod';

import type { Role } from '@/lib/auth/roles';
import { ROLES, roleSchema } from '@/lib/auth/roles';

import { hashPassword, hashToken } from './auth/passwords';

/**
 * The one place that reads the environment. Every setting is listed in the README's settings
 * table; `loadConfig` validates them all at start and reports every problem at once.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = (max: number) => z.coerce.number().positive().max(max);
const rate = (max: number) => z.coerce.number().nonnegative().max(max);

const envSchema = z.object({
  // Kafka connection. Unset KAFKA_BROKERS: the demo starts a local broker.
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'a comma-separated list of host:port')
    .optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('fleetwatch'),
  KAFKA_SSL: bool.default(false),
  KAFKA_SSL_CA_FILE: z.string().optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: bool.default(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512', 'aws-msk-iam']).optional(),
  AWS_REGION: z.string().min(1).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC_REPLICATION_FACTOR: int(-1, 10).default(-1),
  KAFKA_LOCAL_PORT: int(1, 65_535).default(9092),
  KAFKA_LOCAL_DATA_DIR: z.string().min(1).default('.data/kafka'),

  // The BFF.
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65_535).default(3000),
  BFF_INSTANCE_ID: z
    .string()
    .regex(/^[\w.-]+$/)
    .optional(),
  FLEET_TICK_MS: int(16, 10_000).default(100),
  FLEET_REPLAY_MINUTES: int(0, 24 * 60).default(15),
  FLEET_OFFLINE_AFTER_S: int(5, 3600).default(30),
  ALERTS_MAX: int(100, 1_000_000).default(20_000),
  FLEET_DELAYED_AFTER_S: int(1, 3600).default(5),
  FLEET_FROZEN_GPS_AFTER_S: int(2, 3600).default(10),
  FLEET_MAP_TILE_URL: z
    .string()
    .regex(/^(https?:\/\/|\/)\S*\{z\}\S*\{x\}\S*\{y\}\S*$/, 'a raster tile URL template with {z}, {x} and {y}')
    .optional(),
  // The sales processor.
  SALES_ALLOWED_LATENESS_S: int(0, 3600).default(30),
  SALES_UNKNOWN_STORE_WAIT_S: int(0, 3600).default(15),
  // The occupancy processor's capacity alerts.
  ZONE_ALERT_THRESHOLD_PCT: positive(1_000).default(90),
  ZONE_ALERT_HYSTERESIS_PCT: z.coerce.number().min(0).max(100).default(10),
  // The anomaly processor.
  ANOMALY_FIRE_AFTER_S: int(1, 3600).default(10),
  ANOMALY_CLEAR_AFTER_S: int(1, 3600).default(10),
  ANOMALY_ALLOWED_LATENESS_MS: int(0, 60_000).default(500),
  ANOMALY_WARMUP_SAMPLES: int(1, 100_000).default(30),
  ANOMALY_REPLAY_S: int(0, 24 * 3600).default(120),
  PUBLIC_URL: z.url().optional(),
  // The stream jobs on Flink (pipeline/flink): the embedded runner and what the BFF asks about them.
  FLINK_REST_PORT: int(1, 65_535).default(8081),
  FLINK_REST_URL: z.url().optional(),
  FLINK_PROMETHEUS_PORT: int(1, 65_535).default(9249),
  FLINK_CHECKPOINT_DIR: z.string().min(1).default('.data/flink/checkpoints'),
  FLINK_CHECKPOINT_INTERVAL_S: z.coerce.number().min(0.1).max(3600).default(10),
  FLINK_PARALLELISM: int(1, 256).default(1),
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

  // Access control.
  DEMO_MODE: bool.default(false),
  AUTH_SECRET: z.string().min(32, 'at least 32 characters (e.g. `openssl rand -base64 33`)').optional(),
  AUTH_USERS: z
    .string()
    .regex(/^[\w.@-]+:(fleet|security|platform|admin):scrypt\$[\w-]+\$[\w-]+(,[\w.@-]+:(fleet|security|platform|admin):scrypt\$[\w-]+\$[\w-]+)*$/, 'name:role:scrypt-hash,... (npm run auth -- hash-password)')
    .optional(),
  AUTH_API_TOKENS: z
    .string()
    .regex(/^[\w.@-]+:(fleet|security|platform|admin):[0-9a-f]{64}(,[\w.@-]+:(fleet|security|platform|admin):[0-9a-f]{64})*$/, 'name:role:sha256-hex,... (npm run auth -- hash-token)')
    .optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default('roles'),
  OIDC_DISPLAY_NAME: z.string().min(1).default('Single sign-on'),
  METRICS_TOKEN: z.string().min(16).optional(),
  SIGNIN_ATTEMPTS_PER_MINUTE: int(1, 10_000).default(10),
  SOCKET_EVENTS_PER_SECOND: int(1, 10_000).default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),

  // The simulator.
  SIM_SEED: int(0, 2 ** 31 - 1).default(42),
  SIM_CABS: int(0, 100_000).default(60),
  SIM_TANKERS: int(0, 100_000).default(40),
  SIM_TELEMETRY_INTERVAL_MS: int(50, 60_000).default(1000),
  SIM_PURCHASES_PER_S: rate(10_000).default(2),
  SIM_SIGHTINGS_PER_S: rate(100_000).default(20),
  SIM_SPEEDUP: positive(3600).default(1),
});

export type Env = z.infer<typeof envSchema>;

export interface KafkaConnectionConfig {
  brokers: string[];
  /** True when KAFKA_BROKERS was unset and the local broker stands in. */
  local: boolean;
  clientId: string;
  ssl: { enabled: boolean; caFile?: string; rejectUnauthorized: boolean };
  sasl?:
    | { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string }
    /** Amazon MSK IAM: signed with the AWS credentials of the environment (default provider chain). */
    | { mechanism: 'aws-msk-iam'; region: string };
  topicReplicationFactor: number;
}

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
}

export interface Config {
  kafka: KafkaConnectionConfig;
  localKafka: { port: number; dataDir: string };
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
    fleetMapTileUrl?: string;
  };
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
  sales: { allowedLatenessMs: number; unknownStoreWaitMs: number };
  occupancy: { thresholdPct: number; hysteresisPct: number };
  lag: LagConfig;
  anomaly: { fireAfterMs: number; clearAfterMs: number; allowedLatenessMs: number; warmupSamples: number; replayMs: number };
  flink: FlinkConfig;
  auth: AuthConfig;
  simulator: {
    seed: number;
    cabs: number;
    tankers: number;
    telemetryIntervalMs: number;
    purchasesPerS: number;
    sightingsPerS: number;
    speedup: number;
  };
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
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // Empty strings mean "unset", as they do in most .env files.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems = crossFieldProblems(e);
  if (problems.length > 0) throw new ConfigError(problems);
  return toConfig(e);
}

function crossFieldProblems(e: Env): string[] {
  const problems: string[] = [];
  if (e.KAFKA_SASL_MECHANISM === 'aws-msk-iam') {
    if (!e.AWS_REGION) problems.push('KAFKA_SASL_MECHANISM=aws-msk-iam: AWS_REGION is required (the cluster\'s region)');
    if (!e.KAFKA_SSL) problems.push('KAFKA_SASL_MECHANISM=aws-msk-iam: KAFKA_SSL must be true (MSK IAM listens on TLS, port 9098)');
  } else if (e.KAFKA_SASL_MECHANISM && (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required');
  }
  if (!e.KAFKA_SASL_MECHANISM && (e.KAFKA_SASL_USERNAME || e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)');
  }
  if (e.KAFKA_SSL_CA_FILE && !e.KAFKA_SSL) problems.push('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
  if (!e.DEMO_MODE && !e.AUTH_SECRET) problems.push('AUTH_SECRET is required outside demo mode: it signs the session cookies');
  if (!e.DEMO_MODE && !e.AUTH_USERS && !e.OIDC_ISSUER) {
    problems.push('no way to sign in: set AUTH_USERS (local users) or OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET (outside demo mode)');
  }
  if (e.OIDC_ISSUER && (!e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET)) problems.push('OIDC_ISSUER is set: OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are required');
  if (e.ZONE_ALERT_HYSTERESIS_PCT >= e.ZONE_ALERT_THRESHOLD_PCT) problems.push('ZONE_ALERT_HYSTERESIS_PCT must be below ZONE_ALERT_THRESHOLD_PCT, or an alert could never clear');
  if (e.FLINK_REST_PORT === e.FLINK_PROMETHEUS_PORT) problems.push('FLINK_REST_PORT and FLINK_PROMETHEUS_PORT must differ');
  if (e.SIM_CABS + e.SIM_TANKERS === 0) problems.push('SIM_CABS + SIM_TANKERS: the fleet needs at least one vehicle');
  return problems;
}

function toConfig(e: Env): Config {
  const local = e.KAFKA_BROKERS === undefined;
  return {
    kafka: {
      brokers: local ? [`127.0.0.1:${e.KAFKA_LOCAL_PORT}`] : (e.KAFKA_BROKERS ?? '').split(','),
      local,
      clientId: e.KAFKA_CLIENT_ID,
      ssl: { enabled: e.KAFKA_SSL, caFile: e.KAFKA_SSL_CA_FILE, rejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED },
      sasl: saslConfig(e),
      topicReplicationFactor: e.KAFKA_TOPIC_REPLICATION_FACTOR,
    },
    localKafka: { port: e.KAFKA_LOCAL_PORT, dataDir: e.KAFKA_LOCAL_DATA_DIR },
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
      fleetMapTileUrl: e.FLEET_MAP_TILE_URL,
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    sales: { allowedLatenessMs: e.SALES_ALLOWED_LATENESS_S * 1000, unknownStoreWaitMs: e.SALES_UNKNOWN_STORE_WAIT_S * 1000 },
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
    },
    anomaly: {
      fireAfterMs: e.ANOMALY_FIRE_AFTER_S * 1000,
      clearAfterMs: e.ANOMALY_CLEAR_AFTER_S * 1000,
      allowedLatenessMs: e.ANOMALY_ALLOWED_LATENESS_MS,
      warmupSamples: e.ANOMALY_WARMUP_SAMPLES,
      replayMs: e.ANOMALY_REPLAY_S * 1000,
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
    simulator: {
      seed: e.SIM_SEED,
      cabs: e.SIM_CABS,
      tankers: e.SIM_TANKERS,
      telemetryIntervalMs: e.SIM_TELEMETRY_INTERVAL_MS,
      purchasesPerS: e.SIM_PURCHASES_PER_S,
      sightingsPerS: e.SIM_SIGHTINGS_PER_S,
      speedup: e.SIM_SPEEDUP,
    },
  };
}

function patternList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((pattern) => pattern.trim()).filter((pattern) => pattern.length > 0);
}

function saslConfig(e: Env): KafkaConnectionConfig['sasl'] {
  if (e.KAFKA_SASL_MECHANISM === 'aws-msk-iam' && e.AWS_REGION) return { mechanism: 'aws-msk-iam', region: e.AWS_REGION };
  if (e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_MECHANISM !== 'aws-msk-iam' && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD) {
    return { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD };
  }
  return undefined;
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
        ? { issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET, roleClaim: e.OIDC_ROLE_CLAIM, displayName: e.OIDC_DISPLAY_NAME }
        : undefined,
    metricsToken: e.METRICS_TOKEN,
    signInAttemptsPerMinute: e.SIGNIN_ATTEMPTS_PER_MINUTE,
    socketEventsPerSecond: e.SOCKET_EVENTS_PER_SECOND,
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

/**
 * Just the logging settings: the logger must work in processes that have no product settings
 * of their own (tests, CLIs) and even while the full configuration is being reported as invalid.
 */
export function getLogSettings(env: Record<string, string | undefined> = process.env): Config['log'] {
  const parsed = envSchema.pick({ LOG_LEVEL: true, LOG_FORMAT: true }).safeParse({ LOG_LEVEL: env.LOG_LEVEL || undefined, LOG_FORMAT: env.LOG_FORMAT || undefined });
  return parsed.success ? { level: parsed.data.LOG_LEVEL, format: parsed.data.LOG_FORMAT } : { level: 'info', format: 'json' };
}

let cached: Config | undefined;

/** The process's configuration, validated once on first use. */
export function getConfig(): Config {
  cached ??= loadConfig();
  return cached;
}

/** For entry points: the configuration, or a clear list of what is wrong and exit code 2. */
export function getConfigOrExit(): Config {
  try {
    return getConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
