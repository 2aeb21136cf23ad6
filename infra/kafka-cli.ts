// npx tsx infra/kafka-cli.ts install|start|stop|reset|status|consumer-groups -- <args>
// Port and data dir come from KAFKA_LOCAL_PORT (9092) and KAFKA_LOCAL_DATA_DIR (.data/kafka, repo-relative).
import { spawn } from 'node:child_process';

import { Kafka, logLevel } from 'kafkajs';

import { ensureKafkaInstalled, KAFKA_VERSION, kafkaToolArgs, resetLocalKafka, startLocalKafka, stopLocalKafka } from './local-kafka';

const port = Number(process.env.KAFKA_LOCAL_PORT ?? 9092);
const dataDir = process.env.KAFKA_LOCAL_DATA_DIR ?? '.data/kafka';
const brokers = `127.0.0.1:${port}`;

const USAGE = `usage: npx tsx infra/kafka-cli.ts <command>
  install                  download Kafka ${KAFKA_VERSION} jars from Maven Central (mvn)
  start                    start the broker in the background, print its address
  stop                     stop the broker started from the data dir
  reset                    stop, then delete the data dir (all topics and offsets)
  status                   exit 0 if the broker answers, 1 if not
  consumer-groups -- ARGS  run kafka-consumer-groups (--bootstrap-server defaults to ${brokers})
env: KAFKA_LOCAL_PORT=${port} KAFKA_LOCAL_DATA_DIR=${dataDir}`;

async function status(): Promise<number> {
  const kafka = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING, connectionTimeout: 2000, retry: { retries: 0 } });
  const admin = kafka.admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    console.log(`running: ${brokers} (cluster ${cluster.clusterId}, data dir ${dataDir})`);
    return 0;
  } catch {
    console.log(`not running on ${brokers}`);
    return 1;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

async function consumerGroups(args: string[]): Promise<number> {
  await ensureKafkaInstalled(console.log);
  const withServer = args.includes('--bootstrap-server') ? args : ['--bootstrap-server', brokers, ...args];
  const tool = kafkaToolArgs('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', withServer);
  const child = spawn(tool.command, tool.args, { stdio: 'inherit' });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
}

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  // `npm run kafka -- consumer-groups -- --list` may or may not keep the second "--".
  const args = rest[0] === '--' ? rest.slice(1) : rest;
  switch (command) {
    case 'install':
      console.log(await ensureKafkaInstalled(console.log));
      return 0;
    case 'start': {
      const kafka = await startLocalKafka({ port, dataDir, detached: true, onProgress: console.log });
      console.log(`pid ${kafka.pid}, data dir ${dataDir} (logs: server.log, kafka.log)`);
      console.log(kafka.brokers);
      return 0;
    }
    case 'stop':
      console.log((await stopLocalKafka(dataDir)) ? `stopped Kafka (${dataDir})` : `not running (${dataDir})`);
      return 0;
    case 'reset':
      await resetLocalKafka(dataDir);
      console.log(`deleted ${dataDir}`);
      return 0;
    case 'status':
      return status();
    case 'consumer-groups':
      return consumerGroups(args);
    default:
      console.log(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  },
);
