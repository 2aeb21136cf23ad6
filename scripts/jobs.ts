import { getConfigOrExit } from '../server/config';

import { FLINK_JOBS, ensureFlinkJar, streamJobSpecs } from './lib/flink';
import { ProcessGroup } from './lib/process-group';

/**
 * `npm run jobs`: the stream jobs alone, against the Kafka the settings name (a running demo's
 * local broker by default): the Flink runner, plus the Node processors of jobs not yet on Flink.
 * Ctrl-C stops them; their checkpoints stay for the next start.
 */
const say = (line: string) => console.log(`\x1b[1mjobs\x1b[0m       ${line}`);

let stopping = false;
const children = new ProcessGroup({
  output: { kind: 'terminal' },
  onUnexpectedExit: (child, code) => {
    say(`${child.name} exited unexpectedly (code ${code}); stopping. See its output above.`);
    void shutdown(1);
  },
});

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  await children.stopAll();
  process.exit(code);
}

async function main(): Promise<void> {
  process.env.LOG_FORMAT ??= 'pretty';
  const config = getConfigOrExit();
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  await ensureFlinkJar(say);
  if (stopping) return;
  say(`on Flink: ${FLINK_JOBS.join(', ')}; Kafka ${config.kafka.brokers.join(',')}`);
  say(`Flink web UI: http://127.0.0.1:${config.flink.restPort}  (Ctrl-C stops the jobs)`);
  for (const spec of streamJobSpecs()) children.start(spec);
}

main().catch((error: unknown) => {
  console.error(`jobs failed: ${(error as Error).message ?? error}`);
  void shutdown(1);
});
