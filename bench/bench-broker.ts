import path from 'node:path';

import { ensureKafkaInstalled, resetLocalKafka, startLocalKafka } from '../infra/local-kafka';

/**
 * Where a benchmark's records go: KAFKA_BROKERS when set, else a fresh local broker of its own on
 * `port` (stopped by `stop`), with `groupInitialRebalanceDelayMs` when a benchmark wants a
 * production cluster's consumer-group timing.
 */
export async function benchBroker(port: number, groupInitialRebalanceDelayMs?: number): Promise<{ brokers: string; stop: () => Promise<void> }> {
  const given = process.env.KAFKA_BROKERS;
  if (given) return { brokers: given, stop: async () => undefined };
  await ensureKafkaInstalled(console.log);
  const dataDir = path.join('.data', `kafka-bench-${port}`);
  await resetLocalKafka(dataDir);
  const broker = await startLocalKafka({ port, dataDir, groupInitialRebalanceDelayMs, onProgress: (line) => console.log(`[kafka] ${line}`) });
  return { brokers: broker.brokers, stop: () => broker.stop() };
}
