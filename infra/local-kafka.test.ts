import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import {
  generateClusterId,
  javaClassArgs,
  mavenProgressLine,
  parseJavaMajor,
  parseKafkaVersion,
  scramFormatArgs,
  serverProperties,
  tailLines,
} from './local-kafka-config';

function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const i = l.indexOf('=');
      return [l.slice(0, i), l.slice(i + 1)] as const;
    });
  return new Map(entries);
}

describe('parseKafkaVersion', () => {
  it('reads the pinned version from the real pom', () => {
    const pom = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'kafka', 'pom.xml'), 'utf8');
    expect(parseKafkaVersion(pom)).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('tolerates whitespace and fails clearly without the property', () => {
    expect(parseKafkaVersion('<properties><kafka.version> 3.9.2 </kafka.version></properties>')).toBe('3.9.2');
    expect(() => parseKafkaVersion('<project/>')).toThrow(/kafka\.version/);
  });
});

describe('parseJavaMajor', () => {
  it('handles modern and legacy version strings', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_402"')).toBe(8);
    expect(parseJavaMajor('command not found')).toBeUndefined();
  });
});

describe('generateClusterId', () => {
  it('is 22 base64url characters', () => {
    expect(generateClusterId()).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('never starts with "-" (it would be parsed as a CLI flag)', () => {
    const draws = [Buffer.from([0xfb, ...Array<number>(15).fill(0)]), Buffer.alloc(16, 7)];
    expect(generateClusterId(() => draws.shift() ?? Buffer.alloc(16))).toBe(Buffer.alloc(16, 7).toString('base64url'));
  });
});

describe('serverProperties', () => {
  const base = { kafkaVersion: '4.3.1', port: 19092, controllerPort: 19093, logDir: '/tmp/k/logs' };

  it('adds TLS and SASL listeners for the deployment-like tests, the plaintext one kept for the broker itself', () => {
    const secured = { sslPort: 19094, saslSslPort: 19095, keystorePemFile: '/tmp/k/broker.pem', plainUsers: { bff: 'pw' }, scramUsers: { sim: 'pw2' } };
    const props = parseProperties(serverProperties({ ...base, secured }));
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093,SSL://127.0.0.1:19094,SASL_SSL://127.0.0.1:19095');
    expect(props.get('inter.broker.listener.name')).toBe('PLAINTEXT');
    expect(props.get('sasl.enabled.mechanisms')).toBe('PLAIN,SCRAM-SHA-512');
    expect(props.get('listener.name.sasl_ssl.plain.sasl.jaas.config')).toContain('user_bff="pw"');
    expect(scramFormatArgs(secured)).toEqual(['--add-scram', 'SCRAM-SHA-512=[name=sim,password=pw2]']);
    expect(scramFormatArgs(undefined)).toEqual([]);
  });

  it('describes a single loopback-only combined node', () => {
    const props = parseProperties(serverProperties(base));
    expect(props.get('process.roles')).toBe('broker,controller');
    expect(props.get('node.id')).toBe('1');
    expect(props.get('listeners')).toBe('PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093');
    expect(props.get('advertised.listeners')).toBe(props.get('listeners'));
    expect(props.get('controller.quorum.bootstrap.servers')).toBe('127.0.0.1:19093');
    expect(props.get('log.dirs')).toBe('/tmp/k/logs');
  });

  it('sets what a one-node cluster and the app need', () => {
    const props = parseProperties(serverProperties(base));
    expect(props.get('offsets.topic.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.replication.factor')).toBe('1');
    expect(props.get('transaction.state.log.min.isr')).toBe('1');
    expect(props.get('group.initial.rebalance.delay.ms')).toBe('0');
    expect(parseProperties(serverProperties({ ...base, groupInitialRebalanceDelayMs: 3000 })).get('group.initial.rebalance.delay.ms')).toBe('3000');
    expect(props.get('num.partitions')).toBe('3');
    expect(props.get('auto.create.topics.enable')).toBe('false');
  });

  it('describes one node of a three-node cluster: static quorum, replication factor 3, two in-sync replicas', () => {
    const voters = [1, 2, 3].map((nodeId) => ({ nodeId, controllerPort: 19093 + 2 * (nodeId - 1) }));
    const props = parseProperties(serverProperties({ ...base, cluster: { nodeId: 2, voters, replicationFactor: 3, minInsyncReplicas: 2 } }));
    expect(props.get('node.id')).toBe('2');
    expect(props.get('controller.quorum.voters')).toBe('1@127.0.0.1:19093,2@127.0.0.1:19095,3@127.0.0.1:19097');
    expect(props.has('controller.quorum.bootstrap.servers')).toBe(false);
    for (const key of [
      'offsets.topic.replication.factor',
      'transaction.state.log.replication.factor',
      'default.replication.factor',
      'share.coordinator.state.topic.replication.factor',
    ])
      expect(props.get(key)).toBe('3');
    for (const key of ['min.insync.replicas', 'transaction.state.log.min.isr', 'share.coordinator.state.topic.min.isr']) expect(props.get(key)).toBe('2');
  });

  it('only sets share-group settings on Kafka 4+', () => {
    expect(serverProperties(base)).toContain('share.coordinator.state.topic.replication.factor=1');
    expect(serverProperties({ ...base, kafkaVersion: '3.9.2' })).not.toContain('share.coordinator');
  });

  it('has no duplicate keys', () => {
    const lines = serverProperties(base)
      .split('\n')
      .filter((l) => l && !l.startsWith('#'));
    expect(parseProperties(serverProperties(base)).size).toBe(lines.length);
  });
});

describe('helpers', () => {
  it('builds a wildcard classpath command line', () => {
    expect(javaClassArgs('/lib', ['-Xmx1g'], 'kafka.Kafka', ['a.properties'])).toEqual(['-Xmx1g', '-cp', '/lib/*', 'kafka.Kafka', 'a.properties']);
  });

  it('tails non-empty lines', () => {
    expect(tailLines('a\n\nb\nc\n\n', 2)).toBe('b\nc');
  });

  it('shows only Maven download and error lines', () => {
    expect(mavenProgressLine('[INFO] Downloaded from central: https://x/y.jar (1 MB at 2 MB/s)')).toBe(
      'Downloaded from central: https://x/y.jar (1 MB at 2 MB/s)',
    );
    expect(mavenProgressLine('[INFO] Downloading from central: https://x/y.jar')).toBeUndefined();
    expect(mavenProgressLine('[ERROR] Failed to execute goal')).toBe('[ERROR] Failed to execute goal');
    expect(mavenProgressLine('[INFO] BUILD SUCCESS')).toBeUndefined();
  });
});
