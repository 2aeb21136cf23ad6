// npx tsx pipeline/simulator/main.ts [--seed N] [--cabs N] [--tankers N] [--interval-ms N] [--speedup X] ...
import { settingsOrExit } from '@/platform/env';
import { explainKafkaError } from '@/platform/kafka/errors';
import { getLogger } from '@/platform/logger';

import { parseSimulatorArgs, SIMULATOR_USAGE } from './cli-options';
import { loadSimulatorSettings } from './settings';
import { startSimulator } from './simulator';

// Past this, a broker that does not answer must not keep the process alive.
const SHUTDOWN_LIMIT_MS = 2_500;

async function main(): Promise<void> {
  const config = settingsOrExit(() => loadSimulatorSettings());
  const parsed = parseSimulatorArgs(process.argv.slice(2), config.simulator);
  if (parsed.kind === 'help') {
    process.stdout.write(`${SIMULATOR_USAGE}\n`);
    return;
  }
  if (parsed.kind === 'error') {
    console.error(`${parsed.message}\n\n${SIMULATOR_USAGE}`);
    process.exit(2);
  }
  const logger = getLogger('simulator');
  const started = startSimulator(config.kafka, parsed.options, logger);
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping: flushing and disconnecting');
    setTimeout(() => {
      logger.warn('shutdown took too long, exiting anyway');
      process.exit(1);
    }, SHUTDOWN_LIMIT_MS).unref();
    // A signal during start-up waits for the start to finish, then stops what it started.
    void started
      .then((simulator) => simulator.stop())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  await started;
}

main().catch((error: unknown) => {
  // The settings were valid (else settingsOrExit exited): what is left is mostly the cluster refusing us.
  getLogger('simulator').fatal({ err: error }, `simulator failed: ${explainKafkaError(error, loadSimulatorSettings().kafka)}`);
  process.exit(1);
});
