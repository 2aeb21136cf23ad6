import fs from 'node:fs';

import { generateAuthToken } from 'aws-msk-iam-sasl-signer-js';
import { Kafka, logLevel } from 'kafkajs';
import type { KafkaConfig, LogEntry, RetryOptions, SASLOptions } from 'kafkajs';

import { getLogger } from '../logger';

import { RepeatFilter } from './repeat-filter';
import type { KafkaConnectionConfig } from './settings';

// We use kafkajs's default (Java-compatible murmur2) partitioner knowingly; its migration notice is noise.
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';

/**
 * Timeouts and retries other than the defaults, for a client that must fail fast rather than wait
 * for a broker to come back (the BFF's health probe).
 */
export interface KafkaTimeouts {
  connectionTimeout?: number;
  requestTimeout?: number;
  retry?: RetryOptions;
}

/** The one Kafka client factory: every producer, consumer and admin in the product comes from here. */
export function createKafka(connection: KafkaConnectionConfig, clientIdSuffix: string, timeouts: KafkaTimeouts = {}): Kafka {
  return new Kafka({ ...kafkaOptions(connection, clientIdSuffix), ...timeouts });
}

export function kafkaOptions(connection: KafkaConnectionConfig, clientIdSuffix: string): KafkaConfig {
  return {
    clientId: `${connection.clientId}-${clientIdSuffix}`,
    brokers: connection.brokers,
    ssl: connection.ssl.enabled
      ? {
          rejectUnauthorized: connection.ssl.rejectUnauthorized,
          ca: connection.ssl.caFile ? [fs.readFileSync(connection.ssl.caFile, 'utf8')] : undefined,
        }
      : false,
    sasl: connection.sasl ? saslOptions(connection.sasl) : undefined,
    connectionTimeout: 5_000,
    requestTimeout: 30_000,
    // kafkajs retries internally; a broker that is briefly away (restart, rolling upgrade) is waited for.
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 5_000 },
    logLevel: logLevel.WARN,
    logCreator: kafkajsLogCreator(clientIdSuffix),
  };
}

function saslOptions(sasl: NonNullable<KafkaConnectionConfig['sasl']>): SASLOptions {
  if (sasl.mechanism === 'aws-msk-iam') {
    // MSK IAM is OAUTHBEARER with a token AWS's own signer makes from the environment's credentials.
    return {
      mechanism: 'oauthbearer',
      oauthBearerProvider: async () => ({ value: (await generateAuthToken({ region: sasl.region })).token }),
    };
  }
  return { mechanism: sasl.mechanism, username: sasl.username, password: sasl.password } as SASLOptions;
}

const REPEATS_WINDOW_MS = 30_000;

function kafkajsLogCreator(component: string) {
  const logger = getLogger(`kafkajs:${component}`);
  const repeats = new RepeatFilter(REPEATS_WINDOW_MS);
  return () =>
    ({ level, log }: LogEntry) => {
      const { message, ...rest } = log;
      if (level <= logLevel.WARN) {
        const admitted = repeats.admit(`${level} ${message} ${String(rest.broker ?? '')}`);
        if (!admitted) return;
        if (admitted.suppressed > 0) rest.repeatedSinceLastLogged = admitted.suppressed;
      }
      if (level === logLevel.ERROR) logger.error(rest, message);
      else if (level === logLevel.WARN) logger.warn(rest, message);
      else if (level === logLevel.INFO) logger.info(rest, message);
      else logger.debug(rest, message);
    };
}
