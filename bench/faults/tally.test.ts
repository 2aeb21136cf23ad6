import type { KafkaMessage } from 'kafkajs';
import { describe, expect, it } from 'vitest';

import type { AlertPush } from '../../lib/api/alerts';

import { ClientAlerts, alertsOnTopics, episodeAlertIds, listedTwice, missingFromInbox } from './tally';

const record = (alertId: string, timestamp: number, extra: Record<string, unknown> = {}): KafkaMessage =>
  ({
    timestamp: String(timestamp),
    value: Buffer.from(JSON.stringify({ alertId, kind: 'anomaly', metric: 'engineTempC', vehicleId: 'cab-0001', startedAt: timestamp - 5, ...extra })),
  }) as unknown as KafkaMessage;

const push = (alertId: string, at: number, state: 'firing' | 'cleared' = 'firing') =>
  ({ alert: { alertId }, added: [{ type: 'alert', at, state, severity: 'critical', value: 120 }] }) as unknown as AlertPush;

describe('alertsOnTopics', () => {
  it('keeps each id once, by its first record, and skips what is not an alert', () => {
    const alerts = alertsOnTopics([
      record('a1', 200, { state: 'cleared' }),
      record('a1', 100),
      record('z1', 150, { kind: 'capacity', vehicleId: undefined, zoneId: 'main-hall' }),
      { timestamp: '1', value: Buffer.from('not json') } as unknown as KafkaMessage,
    ]);
    expect([...alerts.keys()].sort()).toEqual(['a1', 'z1']);
    expect(alerts.get('a1')).toMatchObject({ firstWrittenAt: 100, subject: 'cab-0001', startedAt: 95 });
    expect(alerts.get('z1')).toMatchObject({ kind: 'capacity', subject: 'main-hall' });
  });
});

describe('ClientAlerts', () => {
  const topics = alertsOnTopics([record('before', 50), record('pushed', 150), record('in-snapshot', 160), record('missed', 170)]);

  it('owes a client only the alerts first written after it subscribed, counting its snapshot after a reconnect', () => {
    const client = new ClientAlerts();
    client.subscribedAt = 100;
    client.onPush(push('pushed', 150), 151);
    client.snapshot.add('in-snapshot');
    expect(client.missed(topics.values())).toEqual(['missed']);
  });

  it('counts a detector report told twice as a duplicate, a new state of the same alert not', () => {
    const client = new ClientAlerts();
    client.onPush(push('a', 1), 2);
    client.onPush(push('a', 1), 3);
    client.onPush(push('a', 9, 'cleared'), 10);
    expect(client.duplicates()).toBe(1);
    expect(client.pushed.get('a')).toBe(2);
  });
});

describe('inbox comparison', () => {
  it('lists what the inbox lacks and what it lists twice', () => {
    expect(missingFromInbox(['a', 'b', 'c'], ['a', 'c', 'x'])).toEqual(['b']);
    expect(listedTwice(['a', 'b', 'a', 'a'])).toEqual(['a', 'a']);
  });
});

describe('episodeAlertIds', () => {
  it('finds the alerts of one scenario by kind, subject, metric and when they were first written', () => {
    const alerts = alertsOnTopics([
      record('old', 100),
      record('ep1', 1_010),
      record('ep1-again', 1_030),
      record('other-cab', 1_020, { vehicleId: 'cab-0002' }),
      record('zone', 1_020, { kind: 'capacity', vehicleId: undefined, zoneId: 'cab-0001' }),
      record('offline-meanwhile', 1_040, { metric: 'offline' }),
    ]);
    expect(episodeAlertIds(alerts.values(), { kind: 'anomaly', subject: 'cab-0001', metric: 'engineTempC', since: 1_000 })).toEqual(['ep1', 'ep1-again']);
  });
});
