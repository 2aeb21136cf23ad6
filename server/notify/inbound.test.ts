import { describe, expect, it } from 'vitest';

import { alertSchema } from '@/lib/contracts/alerts';

import { loadAlertingConfig } from './config';
import { toAlert } from './inbound';
import { alertLabels } from './labels';
import { redactText, redactUrl } from './redact';

const NOW = Date.parse('2026-12-03T08:00:00Z');

describe('inbound alerts', () => {
  it('makes one inbox alert per labels fingerprint and start, keeping the labels for routing', () => {
    const posted = {
      labels: { alertname: 'DiskFull', team: 'platform', severity: 'critical', instance: 'db-1' },
      annotations: { summary: 'disk 97%' },
      startsAt: '2026-12-03T07:59:00Z',
    };
    const alert = toAlert(posted, 'api:prometheus', NOW);
    expect(alertSchema.parse(alert)).toMatchObject({
      kind: 'external',
      team: 'platform',
      severity: 'critical',
      state: 'firing',
      metric: 'DiskFull',
      startedAt: Date.parse('2026-12-03T07:59:00Z'),
    });
    expect(toAlert({ ...posted, labels: { ...posted.labels } }, 'api:prometheus', NOW + 60_000).alertId).toBe(alert.alertId);
    expect(toAlert({ ...posted, labels: { ...posted.labels, instance: 'db-2' } }, 'api:prometheus', NOW).alertId).not.toBe(alert.alertId);
    expect(alertLabels(alert)).toMatchObject({ alertname: 'DiskFull', instance: 'db-1', team: 'platform', kind: 'external', source: 'api:prometheus' });
  });

  it('clears when endsAt has passed or the status says resolved; an unknown severity reads as warning', () => {
    expect(toAlert({ labels: { alertname: 'X', team: 'fleet' }, endsAt: '2026-12-03T07:00:00Z' }, 's', NOW).state).toBe('cleared');
    expect(toAlert({ labels: { alertname: 'X', team: 'fleet' }, endsAt: '2026-12-03T09:00:00Z' }, 's', NOW).state).toBe('firing');
    expect(toAlert({ labels: { alertname: 'X', team: 'fleet' }, status: 'resolved' }, 's', NOW).state).toBe('cleared');
    expect(toAlert({ labels: { alertname: 'X', team: 'fleet', severity: 'page' } }, 's', NOW).severity).toBe('warning');
  });
});

describe('redaction', () => {
  it('removes credentials and query strings, and the secret path of chat webhooks', () => {
    expect(redactUrl('https://user:pw@hooks.example.com/alert?token=abc')).toBe('https://<secret>@hooks.example.com/alert?<secret>');
    expect(redactUrl('https://hooks.slack.com/services/T0/B0/XYZ', { keepPath: false })).toBe('https://hooks.slack.com/<secret>');
    expect(redactText('connect failed for https://x/T0/B0/XYZsecret', ['XYZsecret'])).toBe('connect failed for https://x/T0/B0/<secret>');
  });
});

describe('the example configuration', () => {
  it('is valid', () => {
    expect(loadAlertingConfig('examples/alerting.yml').receivers.size).toBe(3);
  });
});
