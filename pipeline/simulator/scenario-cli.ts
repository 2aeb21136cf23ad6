// npx tsx pipeline/simulator/scenario-cli.ts <name> [--target ID] [--duration S]   (npm run scenario -- <name> ...)
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';

import { Partitioners } from 'kafkajs';

import type { ScenarioCommand } from '@/lib/contracts/simulator-control';
import { SCENARIO_NAMES, scenarioCommandSchema, scenarioNameSchema } from '@/lib/contracts/simulator-control';
import { TOPIC_SPECS, TOPICS } from '@/lib/contracts/topics';
import { ConfigError } from '@/platform/env';
import { createKafka } from '@/platform/kafka/client';
import { explainKafkaError } from '@/platform/kafka/errors';
import { loadKafkaSettings } from '@/platform/kafka/settings';
import { ensureTopics } from '@/platform/kafka/topics';
import { getLogger } from '@/platform/logger';

import { SCENARIOS } from './scenarios';

const USAGE = `usage: npm run scenario -- <name> [--target ID] [--duration S]
Starts a fault scenario in every running simulator (via topic ${TOPICS.simulatorControl}).

scenarios:
${SCENARIO_NAMES.map((name) => `  ${name.padEnd(17)} ${SCENARIOS[name].summary}`).join('\n')}

options:
  --target ID      vehicle id (cab-0001, tanker-0001), zone id (main-hall) or consumer group;
                   default: ${SCENARIO_NAMES.filter((name) => name !== 'stop')
                     .map((name) => `${name}: ${SCENARIOS[name].defaultTarget}`)
                     .join('; ')}
  --duration S     seconds the fault lasts (sensor-spike is always ${SCENARIOS['sensor-spike'].defaultDurationS} s)
  --help           this text`;

class UsageError extends Error {}

function parseCommand(argv: string[]): ScenarioCommand | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { target: { type: 'string' }, duration: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return 'help';
  const [name, ...extra] = positionals;
  if (name === undefined) throw new UsageError('which scenario? (see --help)');
  if (extra.length > 0) throw new UsageError(`unexpected arguments: ${extra.join(' ')}`);
  const scenario = scenarioNameSchema.safeParse(name);
  if (!scenario.success) throw new UsageError(`unknown scenario "${name}"; known: ${SCENARIO_NAMES.join(', ')}`);
  const command = scenarioCommandSchema.safeParse({
    commandId: randomUUID(),
    scenario: scenario.data,
    issuedAt: Date.now(),
    target: values.target,
    durationS: values.duration === undefined ? undefined : Number(values.duration),
  });
  if (!command.success) {
    throw new UsageError(command.error.issues.map((issue) => `--${issue.path.join('.')}: ${issue.message}`).join('; '));
  }
  return command.data;
}

async function send(command: ScenarioCommand): Promise<void> {
  // Kafka settings only: the CLI runs beside a demo or a deployed BFF without any of their settings.
  const config = loadKafkaSettings();
  const kafka = createKafka(config.kafka, 'scenario-cli');
  const admin = kafka.admin();
  await admin.connect();
  const controlSpecs = TOPIC_SPECS.filter((spec) => spec.name === TOPICS.simulatorControl);
  await ensureTopics(admin, controlSpecs, config.kafka.topicReplicationFactor, getLogger('scenario-cli'));
  await admin.disconnect();
  const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    await producer.send({ topic: TOPICS.simulatorControl, messages: [{ key: command.scenario, value: JSON.stringify(command) }] });
  } finally {
    await producer.disconnect();
  }
}

async function main(): Promise<number> {
  let command: ScenarioCommand | 'help';
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof TypeError)) throw error;
    // parseArgs reports unknown flags as TypeErrors with a readable message.
    console.error(`error: ${error.message}\n(npm run scenario -- --help lists the scenarios and options)`);
    return 2;
  }
  if (command === 'help') {
    console.log(USAGE);
    return 0;
  }
  await send(command);
  console.log(`sent to ${TOPICS.simulatorControl}: ${JSON.stringify(command)}`);
  console.log(
    `target: ${command.target ?? `(the simulator picks ${SCENARIOS[command.scenario].defaultTarget || 'nothing'})`}; the simulator logs the target it chose`,
  );
  console.log(`watch: ${SCENARIOS[command.scenario].watch}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : `error: could not send the command: ${explainKafkaError(error, loadKafkaSettings().kafka)}`);
    process.exit(error instanceof ConfigError ? 2 : 1);
  },
);
