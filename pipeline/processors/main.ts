import { createKafka } from '@/platform/kafka/client';
import { getLogger } from '@/platform/logger';
import { getConfigOrExit } from '@/server/config';
import { retryUntilDone } from '@/server/kafka/retry';

import { runProcessor } from '../runtime/processor';
import type { RunningProcessor } from '../runtime/processor';

import { PROCESSORS } from './registry';


/** Runs the named processors (all by default) in this process, each with its own consumer group. */
async function main(): Promise<void> {
  const config = getConfigOrExit();
  const logger = getLogger('processors');
  const names = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));
  const selected = names.length > 0 ? names : Object.keys(PROCESSORS);
  const unknown = selected.filter((name) => !PROCESSORS[name]);
  if (unknown.length > 0) {
    console.error(`Unknown processor(s): ${unknown.join(', ')}. Known: ${Object.keys(PROCESSORS).join(', ')}`);
    process.exit(2);
  }
  const kafka = createKafka(config.kafka, 'processors');
  const instanceId = `${config.bff.instanceId}-processors`;
  const running: RunningProcessor[] = [];
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await Promise.allSettled(running.map((processor) => processor.stop()));
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());

  for (const name of selected) {
    const definition = PROCESSORS[name];
    if (!definition) continue;
    const processor = await retryUntilDone(`start processor ${name}`, () => runProcessor(definition(), { kafka, connection: config.kafka, instanceId, logger }), {
      logger,
      isStopping: () => stopping,
    });
    running.push(processor);
  }
  logger.info({ processors: selected }, 'processors running');
}

main().catch((error: unknown) => {
  console.error('processors failed:', error);
  process.exit(1);
});
