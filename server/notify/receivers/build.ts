import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import nodemailer from 'nodemailer';

import type { EmailConfig, ReceiverConfig, SlackConfig, SnsConfig, WebhookConfig } from '../config';
import { defaultText, defaultTitle, templateData, webhookPayload } from '../payload';
import { redactText, redactUrl } from '../redact';
import { renderTemplate } from '../template';

import type { Integration, SendContext } from './integration';
import { PermanentError, postJson } from './integration';

/** Every integration of a receiver, each ready to send; secrets stay inside them. */
export function buildIntegrations(receiver: ReceiverConfig, timeoutMs: number): Integration[] {
  return [
    ...receiver.webhook.map((config, index) => webhook(config, index, timeoutMs)),
    ...receiver.email.map((config, index) => email(config, index, timeoutMs)),
    ...receiver.slack.map((config, index) => slack(config, index, timeoutMs)),
    ...receiver.sns.map((config, index) => sns(config, index, timeoutMs)),
  ];
}

/** Runs a send and rethrows its failure with every secret of the integration cut out. */
async function guarded(secrets: (string | undefined)[], send: () => Promise<void>): Promise<void> {
  try {
    await send();
  } catch (error) {
    const message = redactText(
      (error as Error).message || String(error),
      secrets.filter((secret): secret is string => !!secret),
    );
    throw error instanceof PermanentError ? new PermanentError(message) : new Error(message);
  }
}

function webhook(config: WebhookConfig, index: number, timeoutMs: number): Integration {
  return {
    id: `webhook[${index}]`,
    kind: 'webhook',
    target: redactUrl(config.url),
    sendResolved: config.send_resolved,
    send: (notification) => guarded([config.url], () => postJson(config.url, webhookPayload(notification, config.max_alerts), timeoutMs)),
  };
}

function slack(config: SlackConfig, index: number, timeoutMs: number): Integration {
  return {
    id: `slack[${index}]`,
    kind: 'slack',
    target: `${redactUrl(config.apiUrl, { keepPath: false })}${config.channel ? ` ${config.channel}` : ''}`,
    sendResolved: config.sendResolved,
    send: (notification) => {
      const data = templateData(notification);
      const title = config.title ? renderTemplate(config.title, data) : defaultTitle(notification);
      const text = config.text ? renderTemplate(config.text, data) : defaultText(notification);
      const color = data.status === 'firing' ? 'danger' : 'good';
      // Slack's incoming-webhook body: text for plain clients, one attachment as Alertmanager sends it.
      const body = {
        channel: config.channel,
        username: config.username ?? 'fleetwatch',
        text: `*${title}*`,
        attachments: [{ color, title, text, fallback: `${title}\n${text}` }],
      };
      return guarded([config.apiUrl], () => postJson(config.apiUrl, body, timeoutMs));
    },
  };
}

function email(config: EmailConfig, index: number, timeoutMs: number): Integration {
  const [host = '', port = '25'] = config.smarthost.split(':');
  const transport = nodemailer.createTransport({
    host,
    port: Number(port),
    // 465 speaks TLS from the first byte; elsewhere STARTTLS, required unless require_tls: false.
    secure: Number(port) === 465,
    requireTLS: config.requireTls,
    auth: config.authUsername ? { user: config.authUsername, pass: config.authPassword ?? '' } : undefined,
    tls: { rejectUnauthorized: !config.insecureSkipVerify },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  return {
    id: `email[${index}]`,
    kind: 'email',
    target: `${config.to} via ${config.smarthost}`,
    sendResolved: config.sendResolved,
    send: (notification) => {
      const subject = config.subject ? renderTemplate(config.subject, templateData(notification)) : defaultTitle(notification);
      const payload = webhookPayload(notification);
      const text = `${defaultText(notification)}\n\n${payload.alerts
        .map(
          (alert) =>
            `${alert.status} since ${alert.startsAt}\n${Object.entries(alert.labels)
              .map(([name, value]) => `  ${name} = ${value}`)
              .join('\n')}`,
        )
        .join('\n\n')}\n`;
      return guarded([config.authPassword], async () => {
        await transport.sendMail({ from: config.from, to: config.to, subject, text, headers: { 'X-Fleetwatch-Group-Key': notification.groupKey } });
      });
    },
  };
}

function sns(config: SnsConfig, index: number, timeoutMs: number): Integration {
  const client = new SNSClient({
    region: config.region,
    endpoint: config.apiUrl,
    credentials: config.accessKey && config.secretKey ? { accessKeyId: config.accessKey, secretAccessKey: config.secretKey } : undefined,
    requestHandler: { requestTimeout: timeoutMs },
    maxAttempts: 1,
  });
  const target =
    'topicArn' in config.target ? config.target.topicArn : 'phoneNumber' in config.target ? maskPhone(config.target.phoneNumber) : "the alert vehicle's driver";
  return {
    id: `sns[${index}]`,
    kind: 'sns',
    target: `${target}${config.apiUrl ? ` via ${redactUrl(config.apiUrl)}` : ''}`,
    sendResolved: config.sendResolved,
    send: (notification, context) => {
      const data = templateData(notification);
      const message = config.message ? renderTemplate(config.message, data) : `${defaultTitle(notification)}\n${defaultText(notification)}`;
      const destination = snsDestination(config, data.commonLabels, context);
      // SNS refuses a Subject on SMS; for topics it is the e-mail subject, at most 100 characters on one line.
      const subject =
        'TopicArn' in destination
          ? (config.subject ? renderTemplate(config.subject, data) : defaultTitle(notification)).replace(/\s+/g, ' ').slice(0, 100)
          : undefined;
      return guarded([config.secretKey], async () => {
        await client.send(new PublishCommand({ ...destination, Message: message, Subject: subject }));
      });
    },
  };
}

function snsDestination(config: SnsConfig, labels: Record<string, string>, context: SendContext): { TopicArn: string } | { PhoneNumber: string } {
  if ('topicArn' in config.target) return { TopicArn: config.target.topicArn };
  if ('phoneNumber' in config.target) return { PhoneNumber: config.target.phoneNumber };
  const vehicleId = labels.vehicleId;
  if (!vehicleId) throw new PermanentError('to_driver: the notification is not about one vehicle (group by vehicleId)');
  const phone = context.driverPhone(vehicleId);
  if (!phone) throw new PermanentError(`to_driver: the registry has no phone number for the driver of ${vehicleId}`);
  return { PhoneNumber: phone };
}

/** Phone numbers are personal data: the trail shows the last three digits only. */
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}…${phone.slice(-3)}`;
}
