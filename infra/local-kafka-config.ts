// Pure helpers behind infra/local-kafka.ts (no I/O), kept apart so they can be unit-tested.
import { randomBytes } from 'node:crypto';

/** Reads <kafka.version> from infra/kafka/pom.xml, the single place the version is written. */
export function parseKafkaVersion(pomXml: string): string {
  const match = /<kafka\.version>\s*([^<\s]+)\s*<\/kafka\.version>/.exec(pomXml);
  if (!match?.[1]) throw new Error('infra/kafka/pom.xml has no <kafka.version> property');
  return match[1];
}

/** Major version from `java -version` output: "17.0.15" -> 17, legacy "1.8.0_402" -> 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match?.[1]) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] ? Number(match[2]) : first;
}

/**
 * A Kafka cluster id: 16 random bytes, base64url without padding, as `kafka-storage random-uuid`
 * prints. Like Kafka's Uuid, avoid a leading '-' so it is never mistaken for a CLI flag.
 */
export function generateClusterId(random: (n: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

export interface BrokerSettings {
  kafkaVersion: string;
  port: number;
  controllerPort: number;
  /** Absolute directory for partition and metadata logs. */
  logDir: string;
  /** Extra listeners as a deployed cluster has them (tests of TLS and SASL); the plaintext one stays for the broker itself. */
  secured?: SecuredListeners;
  /** One node of a multi-node cluster (`npm run demo -- --cluster`); unset: a single node. */
  cluster?: ClusterNode;
  /** Unset: 0, so a consumer starts at once. A benchmark sets Kafka's own default (3000) to measure what a production cluster does. */
  groupInitialRebalanceDelayMs?: number;
}

/** A node of a local KRaft cluster where every node is broker and controller. */
export interface ClusterNode {
  nodeId: number;
  /** Every node's controller port by node id: the static quorum. */
  voters: { nodeId: number; controllerPort: number }[];
  /** Replicas of every topic, internal ones included (3 on a three-node cluster). */
  replicationFactor: number;
  /** Acknowledged writes need this many in-sync replicas (2 of 3: one node may be lost). */
  minInsyncReplicas: number;
}

/** The settings that differ between one node and a cluster: identity, quorum, replication. */
function nodeProperties(s: BrokerSettings): Array<[string, string | number]> {
  const c = s.cluster;
  // One node: every internal topic must accept replication factor 1.
  const rf = c?.replicationFactor ?? 1;
  const isr = c?.minInsyncReplicas ?? 1;
  return [
    ['node.id', c?.nodeId ?? 1],
    c
      ? ['controller.quorum.voters', c.voters.map((v) => `${v.nodeId}@127.0.0.1:${v.controllerPort}`).join(',')]
      : ['controller.quorum.bootstrap.servers', `127.0.0.1:${s.controllerPort}`],
    ['offsets.topic.replication.factor', rf],
    ['transaction.state.log.replication.factor', rf],
    ['transaction.state.log.min.isr', isr],
    ['default.replication.factor', rf],
    ['min.insync.replicas', isr],
  ];
}

/** TLS and SASL listeners on loopback, for the tests that connect the way a deployment does. */
export interface SecuredListeners {
  /** TLS only (`SSL`). */
  sslPort: number;
  /** TLS with SASL/PLAIN and SASL/SCRAM-SHA-512 (`SASL_SSL`). */
  saslSslPort: number;
  /** PEM file holding the broker's private key (PKCS#8, unencrypted) and its certificate chain. */
  keystorePemFile: string;
  /** SASL/PLAIN users (name → password), checked by the broker's own login module. */
  plainUsers: Record<string, string>;
  /** SCRAM-SHA-512 users, stored in the cluster metadata when its storage is formatted. */
  scramUsers: Record<string, string>;
}

/** `kafka-storage format` arguments that store the SCRAM users with the cluster's first metadata. */
export function scramFormatArgs(secured: SecuredListeners | undefined): string[] {
  return Object.entries(secured?.scramUsers ?? {}).flatMap(([name, password]) => ['--add-scram', `SCRAM-SHA-512=[name=${name},password=${password}]`]);
}

function securedProperties(s: BrokerSettings & { secured: SecuredListeners }): Array<[string, string | number]> {
  const { secured } = s;
  const plainUsers = Object.entries(secured.plainUsers)
    .map(([name, password]) => `user_${name}="${password}"`)
    .join(' ');
  return [
    [
      'listeners',
      `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort},SSL://127.0.0.1:${secured.sslPort},SASL_SSL://127.0.0.1:${secured.saslSslPort}`,
    ],
    [
      'advertised.listeners',
      `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort},SSL://127.0.0.1:${secured.sslPort},SASL_SSL://127.0.0.1:${secured.saslSslPort}`,
    ],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT,SSL:SSL,SASL_SSL:SASL_SSL'],
    ['ssl.keystore.type', 'PEM'],
    ['ssl.keystore.location', secured.keystorePemFile],
    ['ssl.client.auth', 'none'],
    ['sasl.enabled.mechanisms', 'PLAIN,SCRAM-SHA-512'],
    ['listener.name.sasl_ssl.plain.sasl.jaas.config', `org.apache.kafka.common.security.plain.PlainLoginModule required ${plainUsers};`],
    ['listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config', 'org.apache.kafka.common.security.scram.ScramLoginModule required;'],
  ];
}

/** server.properties for a single combined broker+controller node that only listens on loopback. */
export function serverProperties(s: BrokerSettings): string {
  const major = Number(s.kafkaVersion.split('.')[0]);
  const lines: Array<[string, string | number]> = [
    ['process.roles', 'broker,controller'],
    ...nodeProperties(s),
    ['controller.listener.names', 'CONTROLLER'],
    ['listeners', `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`],
    ['advertised.listeners', `PLAINTEXT://127.0.0.1:${s.port},CONTROLLER://127.0.0.1:${s.controllerPort}`],
    ['inter.broker.listener.name', 'PLAINTEXT'],
    ['listener.security.protocol.map', 'CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT'],
    ['log.dirs', s.logDir],
    // Fewer internal partitions than the production default of 50: faster first start, fewer files.
    ['offsets.topic.num.partitions', 10],
    ['transaction.state.log.num.partitions', 10],
    ['group.initial.rebalance.delay.ms', s.groupInitialRebalanceDelayMs ?? 0],
    ['num.partitions', 3],
    // Topics are created explicitly by the app; a typo must fail instead of creating a topic.
    ['auto.create.topics.enable', 'false'],
    // Laptop-sized: small segments so retention actually frees disk, a day or 128 MiB per partition.
    ['log.segment.bytes', 16 * 1024 * 1024],
    ['log.retention.hours', 24],
    ['log.retention.bytes', 128 * 1024 * 1024],
    ['log.retention.check.interval.ms', 60_000],
    // The cleaner's dedupe buffer is taken from the heap (default 128 MiB); keep it small for -Xmx512m.
    ['log.cleaner.dedupe.buffer.size', 16 * 1024 * 1024],
    ['num.network.threads', 2],
    ['num.io.threads', 4],
    ['num.recovery.threads.per.data.dir', 1],
  ];
  if (major >= 4) {
    lines.push(
      ['share.coordinator.state.topic.replication.factor', s.cluster?.replicationFactor ?? 1],
      ['share.coordinator.state.topic.min.isr', s.cluster?.minInsyncReplicas ?? 1],
    );
  }
  if (s.secured) {
    const secured = securedProperties({ ...s, secured: s.secured });
    const replaced = new Set(secured.map(([key]) => key));
    lines.splice(0, lines.length, ...lines.filter(([key]) => !replaced.has(key)), ...secured);
  }
  return `# Written by infra/local-kafka.ts on every start; edits are overwritten.\n${lines.map(([k, v]) => `${k}=${v}`).join('\n')}\n`;
}

/** JVM flags for the broker: a modest heap, and logging configured for a file in the data dir. */
export function brokerJvmArgs(opts: { log4jConfig: string; logsDir: string }): string[] {
  return [
    '-Xms128m',
    '-Xmx512m',
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    // A broker without heap is useless; exit so the caller sees it instead of a hung process.
    '-XX:+ExitOnOutOfMemoryError',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${opts.log4jConfig}`,
    `-Dkafka.logs.dir=${opts.logsDir}`,
  ];
}

/** `java -cp <lib>/* <mainClass> ...args`; the JVM expands the wildcard, keeping the command line short. */
export function javaClassArgs(libDir: string, jvmArgs: string[], mainClass: string, args: string[]): string[] {
  return [...jvmArgs, '-cp', `${libDir}/*`, mainClass, ...args];
}

/** The last `count` non-empty lines of a log, for error messages. */
export function tailLines(text: string, count: number): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-count)
    .join('\n');
}

/**
 * Maven lines worth showing while installing: finished downloads (each "Downloading" line is
 * followed by a "Downloaded" one with size and speed) and errors, without the log-level prefix.
 */
export function mavenProgressLine(line: string): string | undefined {
  const text = line.replace(/^\[(INFO|WARNING)\] /, '');
  if (text.startsWith('Downloaded from ') || line.startsWith('[ERROR]')) return text;
  return undefined;
}
