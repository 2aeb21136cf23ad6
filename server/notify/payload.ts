import { createHash } from 'node:crypto';

import { alertAnnotations, commonLabels } from './labels';
import type { Labels } from './matchers';
import type { TemplateData } from './template';

/** One alert in a notification, as Alertmanager's webhook payload (version 4) carries it. */
export interface WebhookAlert {
  status: 'firing' | 'resolved';
  labels: Labels;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL: string;
  fingerprint: string;
}

/** Alertmanager's webhook body, version 4: anything that accepts Alertmanager webhooks accepts it. */
export interface WebhookPayload {
  version: '4';
  groupKey: string;
  truncatedAlerts: number;
  status: 'firing' | 'resolved';
  receiver: string;
  groupLabels: Labels;
  commonLabels: Labels;
  commonAnnotations: Record<string, string>;
  externalURL: string;
  alerts: WebhookAlert[];
}

export interface OutgoingAlert {
  alertId: string;
  status: 'firing' | 'resolved';
  labels: Labels;
  startedAt: number;
  /** When it ended (resolved ones only). */
  endedAt?: number;
  annotations: Record<string, string>;
}

/** One notification to one receiver: the group's firing and (for receivers that want them) resolved alerts. */
export interface Notification {
  notificationId: string;
  groupKey: string;
  receiver: string;
  groupLabels: Labels;
  alerts: OutgoingAlert[];
  externalURL: string;
}

/** The inbox's page for one alert: the link every notification carries. */
export function alertLink(externalURL: string, alertId: string): string {
  return `${externalURL}/alerts?alert=${encodeURIComponent(alertId)}`;
}

export function outgoingAlert(input: {
  alertId: string;
  status: OutgoingAlert['status'];
  labels: Labels;
  startedAt: number;
  endedAt?: number;
  link: string;
  annotations?: Record<string, string>;
}): OutgoingAlert {
  return {
    alertId: input.alertId,
    status: input.status,
    labels: input.labels,
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    annotations: { ...input.annotations, link: input.link },
  };
}

export { alertAnnotations };

export function notificationStatus(notification: Notification): 'firing' | 'resolved' {
  return notification.alerts.some((alert) => alert.status === 'firing') ? 'firing' : 'resolved';
}

export function webhookPayload(notification: Notification, maxAlerts = 0): WebhookPayload {
  const alerts = notification.alerts.map((alert): WebhookAlert => ({
    status: alert.status,
    labels: alert.labels,
    annotations: alert.annotations,
    startsAt: new Date(alert.startedAt).toISOString(),
    // Alertmanager's zero time for "still firing".
    endsAt: alert.endedAt !== undefined ? new Date(alert.endedAt).toISOString() : '0001-01-01T00:00:00Z',
    generatorURL: alert.annotations.link ?? notification.externalURL,
    fingerprint: createHash('sha256').update(alert.alertId).digest('hex').slice(0, 16),
  }));
  const kept = maxAlerts > 0 ? alerts.slice(0, maxAlerts) : alerts;
  return {
    version: '4',
    groupKey: notification.groupKey,
    truncatedAlerts: alerts.length - kept.length,
    status: notificationStatus(notification),
    receiver: notification.receiver,
    groupLabels: notification.groupLabels,
    commonLabels: commonLabels(notification.alerts.map((alert) => alert.labels)),
    commonAnnotations: commonLabels(notification.alerts.map((alert) => alert.annotations)),
    externalURL: notification.externalURL,
    alerts: kept,
  };
}

export function templateData(notification: Notification): TemplateData {
  const payload = webhookPayload(notification);
  return {
    status: payload.status,
    receiver: payload.receiver,
    externalURL: payload.externalURL,
    alertCount: payload.alerts.length,
    groupLabels: payload.groupLabels,
    commonLabels: payload.commonLabels,
    commonAnnotations: payload.commonAnnotations,
  };
}

/** The default title of e-mails, Slack messages and SNS subjects: `[FIRING:2] anomaly_engineTempC`. */
export function defaultTitle(notification: Notification): string {
  const firing = notification.alerts.filter((alert) => alert.status === 'firing').length;
  const status = notificationStatus(notification);
  const names = Object.values(notification.groupLabels).join(' ') || 'fleetwatch';
  return `[${status.toUpperCase()}${status === 'firing' ? `:${firing}` : ''}] ${names}`;
}

/** The default body: one line per alert with its summary and its link into the inbox. */
export function defaultText(notification: Notification): string {
  return notification.alerts
    .map((alert) => `${alert.status.toUpperCase()}: ${alert.annotations.summary ?? alert.labels.alertname ?? alert.alertId}\n${alert.annotations.link ?? ''}`)
    .join('\n');
}
