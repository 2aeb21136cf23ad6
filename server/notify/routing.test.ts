import { describe, expect, it } from 'vitest';

import type { AlertView } from '@/lib/api/alerts';
import type { Alert } from '@/lib/contracts/alerts';

import { untouchedView } from '../../test/support/alert-fixtures';

import type { AlertingConfigError } from './config';
import { parseAlertingConfig } from './config';
import { GroupIndex } from './groups';
import { NotificationLog, needsUpdate } from './notification-log';
import { isInhibited, matchRoutes } from './routing';

const CONFIG = `
route:
  receiver: default
  group_by: [alertname]
  group_wait: 1s
  group_interval: 2s
  repeat_interval: 10s
  routes:
    - matchers: ['team="fleet"']
      receiver: fleet
      group_by: [vehicleId]
      continue: true
    - matchers: ['team="fleet"', 'severity=~"critical|warning"']
      receiver: driver
    - matchers: ['team="fleet"']
      receiver: never
    - matchers: ['kind!="consumer-lag"']
      receiver: security
receivers:
  - name: default
  - name: fleet
    webhook_configs: [{ url: 'http://127.0.0.1:1/hook' }]
  - name: driver
  - name: never
  - name: security
inhibit_rules:
  - source_matchers: ['severity="critical"']
    target_matchers: ['severity="warning"']
    equal: [vehicleId]
`;

const config = parseAlertingConfig(CONFIG);
const T = 1_700_000_000_000;

function anomaly(id: string, vehicleId: string, severity: Alert['severity'], state: Alert['state'] = 'firing'): Alert {
  return {
    alertId: id,
    kind: 'anomaly',
    team: 'fleet',
    vehicleId,
    metric: 'engineTempC',
    value: 120,
    normal: { mean: 90, std: 3 },
    startedAt: T,
    detectedAt: T,
    severity,
    state,
  };
}

function view(alert: Alert, status: AlertView['status'] = 'open'): AlertView {
  return untouchedView(alert, status);
}

describe('alerting config', () => {
  it('inherits group settings down the tree and names each route by its place in the file', () => {
    const fleet = config.route.routes[0];
    expect(fleet).toMatchObject({
      id: 'route.routes[0]',
      receiver: 'fleet',
      groupBy: ['vehicleId'],
      groupWaitMs: 1_000,
      groupIntervalMs: 2_000,
      repeatIntervalMs: 10_000,
      continue: true,
    });
  });

  it('reports every problem with line and column', () => {
    const bad = 'route:\n  receiver: missing\n  group_wait: soon\nreceivers:\n  - name: a\n    email_configs:\n      - to: x@example.com\n';
    let problems: string[] = [];
    try {
      parseAlertingConfig(bad);
    } catch (error) {
      problems = (error as AlertingConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(/^3:15 route\.group_wait: a duration/)]);
    try {
      parseAlertingConfig('route:\n  receiver: missing\nreceivers:\n  - name: a\n    email_configs:\n      - to: x@example.com\n');
    } catch (error) {
      problems = (error as AlertingConfigError).problems;
    }
    expect(problems).toEqual([
      expect.stringMatching(/^6:9 receivers\[0\]\.email_configs\[0\]: from is required/),
      expect.stringMatching(/^6:9 .*smarthost is required/),
      expect.stringMatching(/^2:13 route\.receiver: no receiver named "missing"/),
    ]);
  });

  it('refuses unknown fields and bad matchers', () => {
    expect(() => parseAlertingConfig('route:\n  receiver: a\n  matchers: ["team=~\\"(\\""]\n  bogus: 1\nreceivers: [{name: a}]\n')).toThrow(/2 problem/);
  });
});

describe('routing', () => {
  it('walks the tree: continue goes on, the first match without continue stops', () => {
    const labels = { team: 'fleet', severity: 'critical', vehicleId: 'cab-1', kind: 'anomaly' };
    expect(matchRoutes(config.route, labels).map((route) => route.receiver)).toEqual(['fleet', 'driver']);
    expect(matchRoutes(config.route, { team: 'fleet', severity: 'info' }).map((route) => route.receiver)).toEqual(['fleet', 'never']);
    expect(matchRoutes(config.route, { team: 'platform', kind: 'consumer-lag' }).map((route) => route.receiver)).toEqual(['default']);
  });

  it('inhibits a warning while a critical alert on the same vehicle fires, not on another vehicle', () => {
    const critical: [string, Record<string, string>] = ['c', { severity: 'critical', vehicleId: 'cab-1' }];
    expect(isInhibited(config.inhibitRules, { severity: 'warning', vehicleId: 'cab-1' }, 'w', [critical])).toBe(true);
    expect(isInhibited(config.inhibitRules, { severity: 'warning', vehicleId: 'cab-2' }, 'w', [critical])).toBe(false);
  });
});

describe('grouping and the notification log', () => {
  it('groups by group_by, waits group_wait, and mutes acknowledged, silenced and inhibited alerts', () => {
    const groups = new GroupIndex(config);
    groups.update(view(anomaly('a1', 'cab-1', 'critical')), T);
    groups.update(view(anomaly('a2', 'cab-1', 'warning')), T + 100);
    groups.update(view(anomaly('a3', 'cab-2', 'info'), 'acknowledged'), T + 200);
    expect(groups.due(T + 999)).toEqual([]);
    const due = groups.due(T + 1_000);
    const fleetCab1 = due.find((group) => group.key === 'route.routes[0]:{vehicleId="cab-1"}');
    expect([...(fleetCab1?.members.keys() ?? [])]).toEqual(['a1', 'a2']);
    const states = [...(fleetCab1?.members.values() ?? [])].map((member) => groups.stateOf(member));
    expect(states).toEqual(['firing', 'muted']);
    expect(due.some((group) => group.key.includes('cab-2'))).toBe(false);
    const cab2 = groups.due(T + 1_200).find((group) => group.key === 'route.routes[0]:{vehicleId="cab-2"}');
    expect([...(cab2?.members.values() ?? [])].map((member) => groups.stateOf(member))).toEqual(['muted']);
  });

  it('mutes an episode inhibited by context (ignition off) without resolving it, and fires it again when it resumes', () => {
    const groups = new GroupIndex(config);
    groups.update(view(anomaly('a1', 'cab-1', 'critical')), T);
    groups.update(view(anomaly('a1', 'cab-1', 'critical', 'inhibited')), T + 100);
    const group = groups.due(T + 1_000).find((candidate) => candidate.key === 'route.routes[0]:{vehicleId="cab-1"}');
    expect([...(group?.members.values() ?? [])].map((member) => groups.stateOf(member))).toEqual(['muted']);
    groups.update(view(anomaly('a1', 'cab-1', 'critical')), T + 200);
    expect([...(group?.members.values() ?? [])].map((member) => groups.stateOf(member))).toEqual(['firing']);
  });

  it('opens no group for an alert that is already over', () => {
    const groups = new GroupIndex(config);
    groups.update(view(anomaly('a1', 'cab-1', 'critical', 'cleared')), T);
    expect(groups.size).toBe(0);
  });

  it('decides as Alertmanager: a new firing alert, an owed resolved notice (send_resolved), repeat_interval; muted alerts never', () => {
    const entry = { notificationId: 'n', firing: new Set(['a']), resolved: new Set<string>(), at: T };
    expect(needsUpdate(undefined, new Set(['a']), new Set(), true, 10_000, T)).toBe(true);
    expect(needsUpdate(undefined, new Set(), new Set(), true, 10_000, T)).toBe(false);
    expect(needsUpdate(entry, new Set(['a']), new Set(), true, 10_000, T + 5_000)).toBe(false);
    expect(needsUpdate(entry, new Set(['a', 'b']), new Set(), true, 10_000, T + 5_000)).toBe(true);
    expect(needsUpdate(entry, new Set(), new Set(['a']), true, 10_000, T + 5_000)).toBe(true);
    expect(needsUpdate(entry, new Set(), new Set(['a']), false, 10_000, T + 5_000)).toBe(false);
    expect(needsUpdate(entry, new Set(['a']), new Set(), true, 10_000, T + 10_000)).toBe(true);
    // Everything acknowledged: nothing fires unmuted, so no repeat however long it has been.
    expect(needsUpdate(entry, new Set(), new Set(), true, 10_000, T + 60_000)).toBe(false);
  });

  it('owes a resolved notice only for alerts it was told fired, once', () => {
    const log = new NotificationLog();
    const sent = { notificationId: 'n1', groupKey: 'g', receiver: 'r', integration: 'webhook[0]', target: 't', attempt: 1, outcome: 'sent' as const, at: T };
    log.record({ ...sent, alertId: 'a', status: 'firing' });
    expect(log.owesResolved('g', 'webhook[0]', 'a')).toBe(true);
    expect(log.owesResolved('g', 'webhook[0]', 'b')).toBe(false);
    expect(log.owesResolved('g', 'email[0]', 'a')).toBe(false);
    log.record({ ...sent, notificationId: 'n2', alertId: 'a', status: 'resolved', at: T + 1 });
    expect(log.owesResolved('g', 'webhook[0]', 'a')).toBe(false);
  });
});
