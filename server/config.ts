import os from 'node:os';

import { z } from 'zod';

/**
 * The one place that reads the environment. Every setting is listed in the README's settings
 * table; `loadConfig` validates them all at start and reports every problem at once.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const positive = (max: number) => z.coerce.number().positive().max(max);

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
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
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
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),

  // The simulator.
  SIM_SEED: int(0, 2 ** 31 - 1).default(42),
  SIM_CABS: int(0, 100_000).default(60),
  SIM_TANKERS: int(0, 100_000).default(40),
  SIM_TELEMETRY_INTERVAL_MS: int(50, 60_000).default(1000),
  SIM_PURCHASES_PER_S: positive(10_000).default(2),
  SIM_SIGHTINGS_PER_S: positive(100_000).default(20),
  SIM_SPEEDUP: positive(3600).default(1),
});

export type Env = z.infer<typeof envSchema>;

export interface KafkaConnectionConfig {
  brokers: string[];
  /** True when KAFKA_BROKERS was unset and the local broker stands in. */
  local: boolean;
  clientId: string;
  ssl: { enabled: boolean; caFile?: string; rejectUnauthorized: boolean };
  sasl?: { mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512'; username: string; password: string };
  topicReplicationFactor: number;
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
  };
  log: { level: Env['LOG_LEVEL']; format: Env['LOG_FORMAT'] };
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
  if (e.KAFKA_SASL_MECHANISM && (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required');
  }
  if (!e.KAFKA_SASL_MECHANISM && (e.KAFKA_SASL_USERNAME || e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)');
  }
  if (e.KAFKA_SSL_CA_FILE && !e.KAFKA_SSL) problems.push('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
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
      sasl:
        e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD
          ? { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD }
          : undefined,
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
    },
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
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
