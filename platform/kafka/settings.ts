import { z } from 'zod';

import type { Env } from '../env';
import { envBool, envInt, envPositive, parseEnv } from '../env';

/** The Kafka settings every process shares (BFF, simulator, scenario CLI, demo): README, settings table. */
export const kafkaEnvShape = {
  // Unset KAFKA_BROKERS: the local broker (the demo starts it) on KAFKA_LOCAL_PORT.
  KAFKA_BROKERS: z
    .string()
    .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'a comma-separated list of host:port')
    .optional(),
  KAFKA_CLIENT_ID: z.string().min(1).default('fleetwatch'),
  KAFKA_SSL: envBool.default(false),
  KAFKA_SSL_CA_FILE: z.string().optional(),
  KAFKA_SSL_REJECT_UNAUTHORIZED: envBool.default(true),
  KAFKA_SASL_MECHANISM: z.enum(['plain', 'scram-sha-256', 'scram-sha-512', 'aws-msk-iam']).optional(),
  AWS_REGION: z.string().min(1).optional(),
  KAFKA_SASL_USERNAME: z.string().optional(),
  KAFKA_SASL_PASSWORD: z.string().optional(),
  KAFKA_TOPIC_REPLICATION_FACTOR: envInt(-1, 10).default(-1),
  KAFKA_LOCAL_PORT: envInt(1, 65_535).default(9092),
  KAFKA_LOCAL_DATA_DIR: z.string().min(1).default('.data/kafka'),
  // How long fleet.vehicle-state keeps its records when created: the reach of the fleet page's time travel.
  FLEET_STATE_RETENTION_H: envPositive(24 * 365).default(7 * 24),
};
const kafkaEnvSchema = z.object(kafkaEnvShape);
export type KafkaEnv = z.output<typeof kafkaEnvSchema>;

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
  /** retention.ms of fleet.vehicle-state when it is created (FLEET_STATE_RETENTION_H). */
  vehicleStateRetentionMs: number;
}

export interface KafkaSettings {
  kafka: KafkaConnectionConfig;
  localKafka: { port: number; dataDir: string };
}

/** Just the Kafka settings, for processes that need nothing else (simulator, scenario CLI, tests). */
export function loadKafkaSettings(env: Env = process.env): KafkaSettings {
  return toKafkaSettings(parseEnv(kafkaEnvSchema, env, kafkaProblems));
}

export function kafkaProblems(e: KafkaEnv): string[] {
  const problems: string[] = [];
  if (e.KAFKA_SASL_MECHANISM === 'aws-msk-iam') {
    if (!e.AWS_REGION) problems.push("KAFKA_SASL_MECHANISM=aws-msk-iam: AWS_REGION is required (the cluster's region)");
    if (!e.KAFKA_SSL) problems.push('KAFKA_SASL_MECHANISM=aws-msk-iam: KAFKA_SSL must be true (MSK IAM listens on TLS, port 9098)');
  } else if (e.KAFKA_SASL_MECHANISM && (!e.KAFKA_SASL_USERNAME || !e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_MECHANISM is set: KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD are required');
  }
  if (!e.KAFKA_SASL_MECHANISM && (e.KAFKA_SASL_USERNAME || e.KAFKA_SASL_PASSWORD)) {
    problems.push('KAFKA_SASL_USERNAME/PASSWORD are set but KAFKA_SASL_MECHANISM is not (plain, scram-sha-256, scram-sha-512)');
  }
  if (e.KAFKA_SSL_CA_FILE && !e.KAFKA_SSL) problems.push('KAFKA_SSL_CA_FILE is set but KAFKA_SSL is not true');
  return problems;
}

export function toKafkaSettings(e: KafkaEnv): KafkaSettings {
  const local = e.KAFKA_BROKERS === undefined;
  return {
    kafka: {
      brokers: local ? [`127.0.0.1:${e.KAFKA_LOCAL_PORT}`] : (e.KAFKA_BROKERS ?? '').split(','),
      local,
      clientId: e.KAFKA_CLIENT_ID,
      ssl: { enabled: e.KAFKA_SSL, caFile: e.KAFKA_SSL_CA_FILE, rejectUnauthorized: e.KAFKA_SSL_REJECT_UNAUTHORIZED },
      sasl: saslConfig(e),
      topicReplicationFactor: e.KAFKA_TOPIC_REPLICATION_FACTOR,
      vehicleStateRetentionMs: Math.round(e.FLEET_STATE_RETENTION_H * 3_600_000),
    },
    localKafka: { port: e.KAFKA_LOCAL_PORT, dataDir: e.KAFKA_LOCAL_DATA_DIR },
  };
}

function saslConfig(e: KafkaEnv): KafkaConnectionConfig['sasl'] {
  if (e.KAFKA_SASL_MECHANISM === 'aws-msk-iam' && e.AWS_REGION) return { mechanism: 'aws-msk-iam', region: e.AWS_REGION };
  if (e.KAFKA_SASL_MECHANISM && e.KAFKA_SASL_MECHANISM !== 'aws-msk-iam' && e.KAFKA_SASL_USERNAME && e.KAFKA_SASL_PASSWORD) {
    return { mechanism: e.KAFKA_SASL_MECHANISM, username: e.KAFKA_SASL_USERNAME, password: e.KAFKA_SASL_PASSWORD };
  }
  return undefined;
}
