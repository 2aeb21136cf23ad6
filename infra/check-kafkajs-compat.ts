// Exercises every kafkajs 2.2.4 call the product relies on against a live broker, so a Kafka
// upgrade can be judged in one run: npx tsx infra/check-kafkajs-compat.ts 127.0.0.1:9092 [--skip-cli] [--keep]
// Each step is reported on its own (a failing call does not hide the ones after it).
// --skip-cli: no ConsumerGroupCommand (e.g. broker of another version than the pom's);
// --keep: leave the topics (and so the group's offsets) behind for inspection.
import { spawnSync } from 'node:child_process';

import { ConfigResourceTypes, Kafka, logLevel } from 'kafkajs';

import { kafkaToolArgs } from './local-kafka';

const brokers = (process.argv[2] ?? '127.0.0.1:9092').split(',');
const skipCli = process.argv.includes('--skip-cli');
const keep = process.argv.includes('--keep');
const runId = Date.now().toString(36);
const topic = `compat-events-${runId}`;
const compacted = `compat-state-${runId}`;
const groupId = `compat-group-${runId}`;
const MESSAGES = 12;

let passed = 0;
let failed = 0;

async function step<T>(name: string, fn: () => Promise<T>): Promise<T | undefined> {
  const t0 = Date.now();
  try {
    const result = await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    return result;
  } catch (err) {
    failed++;
    const e = err as Error & { type?: string; code?: number };
    console.log(`FAIL ${name}: ${e.name}: ${e.message}${e.type ? ` [${e.type} code=${e.code}]` : ''}`);
    return undefined;
  }
}

function check(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}

function waitFor(cond: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const timer = setInterval(() => {
      if (cond()) {
        clearInterval(timer);
        resolve();
      } else if (Date.now() - t0 > ms) {
        clearInterval(timer);
        reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
      }
    }, 100);
  });
}

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'compat-check', brokers, logLevel: logLevel.ERROR });
  const admin = kafka.admin();
  const producer = kafka.producer();
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000 });
  await admin.connect();

  await step('admin.describeCluster', async () => {
    const c = await admin.describeCluster();
    check(c.brokers.length > 0 && c.clusterId.length > 0, 'no brokers / cluster id');
  });
  await step('admin.createTopics (incl. compacted with configEntries)', async () => {
    const created = await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic, numPartitions: 3 },
        {
          topic: compacted,
          numPartitions: 1,
          configEntries: [
            { name: 'cleanup.policy', value: 'compact' },
            { name: 'min.compaction.lag.ms', value: '0' },
          ],
        },
      ],
    });
    check(created, 'createTopics returned false');
  });
  await step('admin.describeConfigs (topic)', async () => {
    const res = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: compacted, configNames: ['cleanup.policy'] }],
    });
    const value = res.resources[0]?.configEntries.find((c) => c.configName === 'cleanup.policy')?.configValue;
    check(value === 'compact', `cleanup.policy=${value}`);
  });

  const sentAt = Date.now();
  await step('producer.send with keys', async () => {
    await producer.connect();
    const messages = Array.from({ length: MESSAGES }, (_, i) => ({ key: `k${i % 4}`, value: `v${i}` }));
    await producer.send({ topic, messages });
    await producer.send({ topic: compacted, messages: messages.slice(0, 4) });
  });

  const received: string[] = [];
  await step('consumer group: subscribe fromBeginning, receive, commitOffsets', async () => {
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        received.push(`${partition}:${message.offset}`);
      },
    });
    await waitFor(() => received.length >= MESSAGES, 30_000, `${MESSAGES} messages`);
    const ends = await admin.fetchTopicOffsets(topic);
    await consumer.commitOffsets(ends.map((p) => ({ topic, partition: p.partition, offset: p.high })));
  });
  await step('admin.fetchOffsets (group)', async () => {
    const res = await admin.fetchOffsets({ groupId, topics: [topic] });
    const committed = res[0]?.partitions.reduce((sum, p) => sum + Number(p.offset), 0);
    check(committed === MESSAGES, `committed offsets sum to ${committed}`);
  });
  await step('admin.fetchTopicOffsets', async () => {
    const res = await admin.fetchTopicOffsets(topic);
    check(res.reduce((sum, p) => sum + Number(p.high), 0) === MESSAGES, JSON.stringify(res));
  });
  await step('admin.fetchTopicOffsetsByTimestamp', async () => {
    const res = await admin.fetchTopicOffsetsByTimestamp(topic, sentAt - 60_000);
    check(res.length === 3 && res.every((p) => p.offset === '0'), JSON.stringify(res));
  });
  await step('admin.listGroups', async () => {
    const { groups } = await admin.listGroups();
    check(
      groups.some((g) => g.groupId === groupId),
      `group missing from ${JSON.stringify(groups)}`,
    );
  });
  await step('admin.describeGroups', async () => {
    const { groups } = await admin.describeGroups([groupId]);
    check(groups[0]?.state === 'Stable' && groups[0].members.length === 1, JSON.stringify(groups[0]));
  });
  await step('consumer.seek (re-read partition from offset 0)', async () => {
    const ends = await admin.fetchTopicOffsets(topic);
    const part = ends.find((p) => Number(p.high) > 0);
    check(part !== undefined, 'no non-empty partition');
    const before = received.length;
    consumer.seek({ topic, partition: part?.partition ?? 0, offset: '0' });
    await waitFor(() => received.length >= before + Number(part?.high), 15_000, 'replayed messages');
  });
  if (!skipCli) {
    await step('ConsumerGroupCommand --describe (Kafka CLI via java)', async () => {
      const { command, args } = kafkaToolArgs('org.apache.kafka.tools.consumer.group.ConsumerGroupCommand', [
        '--bootstrap-server',
        brokers.join(','),
        '--describe',
        '--group',
        groupId,
      ]);
      const out = spawnSync(command, args, { encoding: 'utf8', timeout: 60_000 });
      check(out.status === 0, `exit ${out.status}: ${out.stderr.trim()}`);
      check(out.stdout.includes(topic), `topic not in output:\n${out.stdout}`);
      console.log(out.stdout.trim().replace(/^/gm, '     | '));
    });
  }

  await consumer.disconnect();
  await producer.disconnect();
  if (keep) console.log(`kept topics ${topic}, ${compacted} and group ${groupId}`);
  else await admin.deleteTopics({ topics: [topic, compacted] }).catch(() => undefined);
  await admin.disconnect();
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 ? 0 : 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
