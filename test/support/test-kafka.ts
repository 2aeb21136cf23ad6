import path from 'node:path';

import type { LocalKafka } from '../../infra/local-kafka';
import { ensureKafkaInstalled, resetLocalKafka, startLocalKafka } from '../../infra/local-kafka';
import { ensureNextBuild } from '../../scripts/lib/next-build';
import { ROOT } from '../../scripts/lib/stack';

/**
 * The test suite's own broker: another port and data folder than the demo's, wiped at start,
 * so tests never touch a running demo and never see a previous run's data.
 */
export const TEST_KAFKA_PORT = Number(process.env.TEST_KAFKA_PORT ?? 19192);
export const TEST_KAFKA_DATA_DIR = path.join(ROOT, '.data', `kafka-test-${TEST_KAFKA_PORT}`);
export const TEST_LOG_DIR = path.join(ROOT, '.data', 'test-logs');

export async function startTestKafka(): Promise<LocalKafka> {
  const log = (line: string) => console.log(`[test kafka] ${line}`);
  await ensureKafkaInstalled(log);
  ensureNextBuild(ROOT, log);
  await resetLocalKafka(TEST_KAFKA_DATA_DIR);
  return startLocalKafka({ port: TEST_KAFKA_PORT, dataDir: TEST_KAFKA_DATA_DIR, onProgress: log });
}

/**
 * A broker of one test file's own, on its own port and data folder (wiped at start), for tests
 * that kill or stop a broker: the shared one must stay up for every other file.
 */
export async function startOwnKafka(portOffset: number, name: string): Promise<{ kafka: LocalKafka; port: number; dataDir: string }> {
  const port = TEST_KAFKA_PORT + portOffset;
  const dataDir = path.join(ROOT, '.data', `kafka-test-${name}-${port}`);
  await resetLocalKafka(dataDir);
  const kafka = await startLocalKafka({ port, dataDir, onProgress: (line) => console.log(`[${name} kafka] ${line}`) });
  return { kafka, port, dataDir };
}
