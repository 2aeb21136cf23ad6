import type { Kafka } from 'kafkajs';
import pino from 'pino';
import { describe, expect, it } from 'vitest';

import { loadKafkaSettings } from '@/platform/kafka/settings';

import { ClusterMonitor } from './cluster-monitor';

/**
 * kafkajs as it connects a fresh admin: the listed brokers in turn from the first, one more per
 * retry. Here the first broker is gone (killed: connection refused), the other two answer.
 */
function clusterWithFirstBrokerDead(brokers: string[]): Kafka {
  return {
    admin: ({ retry }: { retry?: { retries?: number } } = {}) => {
      let connectedTo: string | undefined;
      return {
        connect: async () => {
          const tried = brokers.slice(0, (retry?.retries ?? 5) + 1);
          connectedTo = tried.find((_, i) => i > 0);
          if (!connectedTo) throw Object.assign(new Error(`connect ECONNREFUSED ${brokers[0]}`), { name: 'KafkaJSConnectionError' });
        },
        describeCluster: async () => ({
          brokers: brokers.slice(1).map((b, i) => ({ nodeId: i + 2, host: b.split(':')[0], port: Number(b.split(':')[1]) })),
          controller: 2,
          clusterId: 'c',
        }),
        disconnect: async () => undefined,
      };
    },
  } as unknown as Kafka;
}

describe('ClusterMonitor', () => {
  it('finds a cluster that lost its first listed broker reachable, through the others', async () => {
    const brokers = ['127.0.0.1:19970', '127.0.0.1:19972', '127.0.0.1:19974'];
    const { kafka: connection } = loadKafkaSettings({ KAFKA_BROKERS: brokers.join(',') });
    const monitor = new ClusterMonitor(clusterWithFirstBrokerDead(brokers), pino({ level: 'silent' }), connection, { intervalMs: 60_000, timeoutMs: 1_000 });
    await monitor.check();
    expect(monitor.status()).toMatchObject({ connected: true, brokers: ['127.0.0.1:19972', '127.0.0.1:19974'] });
    await monitor.stop();
  });
});
