import fs from 'node:fs';

import { LineCounter, isNode, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import { z } from 'zod';

import { parseDuration } from './duration';
import type { Matcher } from './matchers';
import { parseMatcher } from './matchers';
import { templateProblem } from './template';

/**
 * ALERTING_CONFIG: the documented subset of Alertmanager's configuration file. Unknown fields are
 * refused (as Alertmanager does), so a misspelt setting never silently does nothing; every problem
 * is reported with its place in the file (`line:column`).
 */

export const ROUTE_LABELS = ['alertname', 'team', 'severity', 'kind', 'fleet', 'vehicleId', 'plate', 'zoneId', 'groupId', 'metric', 'source'] as const;

const duration = z.string().refine((text) => parseDuration(text) !== undefined, 'a duration such as 30s, 5m, 4h or 1h30m');
const matcherText = z.string().superRefine((text, context) => {
  const parsed = parseMatcher(text);
  if (typeof parsed === 'string') context.addIssue({ code: 'custom', message: parsed });
});
const template = z.string().superRefine((text, context) => {
  const problem = templateProblem(text);
  if (problem) context.addIssue({ code: 'custom', message: problem });
});
const url = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' });
const smarthost = z.string().regex(/^[^\s:]+:\d+$/, 'host:port');

interface RawRoute {
  receiver?: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  routes?: RawRoute[];
}
const routeSchema: z.ZodType<RawRoute> = z.lazy(() =>
  z.strictObject({
    receiver: z.string().min(1).optional(),
    group_by: z.array(z.string().min(1)).optional(),
    group_wait: duration.optional(),
    group_interval: duration.optional(),
    repeat_interval: duration.optional(),
    matchers: z.array(matcherText).optional(),
    continue: z.boolean().optional(),
    routes: z.array(routeSchema).optional(),
  }),
);

const webhookSchema = z.strictObject({ url, send_resolved: z.boolean().default(true), max_alerts: z.number().int().nonnegative().default(0) });
const emailSchema = z.strictObject({
  to: z.string().min(3),
  from: z.string().min(3).optional(),
  smarthost: smarthost.optional(),
  auth_username: z.string().optional(),
  auth_password: z.string().optional(),
  require_tls: z.boolean().optional(),
  tls_config: z.strictObject({ insecure_skip_verify: z.boolean().default(false) }).optional(),
  subject: template.optional(),
  send_resolved: z.boolean().default(false),
});
const slackSchema = z.strictObject({
  api_url: url.optional(),
  channel: z.string().optional(),
  username: z.string().optional(),
  title: template.optional(),
  text: template.optional(),
  send_resolved: z.boolean().default(false),
});
const snsSchema = z.strictObject({
  api_url: url.optional(),
  sigv4: z.strictObject({ region: z.string().min(1), access_key: z.string().min(1).optional(), secret_key: z.string().min(1).optional() }).optional(),
  topic_arn: z
    .string()
    .regex(/^arn:aws[\w-]*:sns:[\w-]+:\d{12}:[\w-]+$/, 'an SNS topic ARN (arn:aws:sns:<region>:<account>:<name>)')
    .optional(),
  phone_number: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form (+4915112345678)')
    .optional(),
  /** fleetwatch's own field: SMS to the driver of the alert's vehicle, from the vehicle registry. */
  to_driver: z.boolean().optional(),
  subject: template.optional(),
  message: template.optional(),
  send_resolved: z.boolean().default(true),
});
const receiverSchema = z.strictObject({
  name: z.string().min(1),
  webhook_configs: z.array(webhookSchema).default([]),
  email_configs: z.array(emailSchema).default([]),
  slack_configs: z.array(slackSchema).default([]),
  sns_configs: z.array(snsSchema).default([]),
});
const inhibitSchema = z.strictObject({
  source_matchers: z.array(matcherText).min(1),
  target_matchers: z.array(matcherText).min(1),
  equal: z.array(z.string().min(1)).default([]),
});
const fileSchema = z.strictObject({
  global: z
    .strictObject({
      smtp_smarthost: smarthost.optional(),
      smtp_from: z.string().min(3).optional(),
      smtp_auth_username: z.string().optional(),
      smtp_auth_password: z.string().optional(),
      smtp_require_tls: z.boolean().default(true),
      slack_api_url: url.optional(),
    })
    .default({ smtp_require_tls: true }),
  route: routeSchema,
  receivers: z.array(receiverSchema).min(1),
  inhibit_rules: z.array(inhibitSchema).default([]),
});
type RawFile = z.output<typeof fileSchema>;

export interface RouteConfig {
  /** Where the route sits in the file (`route.routes[1]`): names it in group keys and pages. */
  id: string;
  receiver: string;
  matchers: Matcher[];
  /** `['...']` groups by every label, as in Alertmanager. */
  groupBy: string[];
  groupWaitMs: number;
  groupIntervalMs: number;
  repeatIntervalMs: number;
  continue: boolean;
  routes: RouteConfig[];
}

export type WebhookConfig = z.output<typeof webhookSchema>;
export interface EmailConfig {
  to: string;
  from: string;
  smarthost: string;
  authUsername?: string;
  authPassword?: string;
  requireTls: boolean;
  insecureSkipVerify: boolean;
  subject?: string;
  sendResolved: boolean;
}
export interface SlackConfig {
  apiUrl: string;
  channel?: string;
  username?: string;
  title?: string;
  text?: string;
  sendResolved: boolean;
}
export interface SnsConfig {
  apiUrl?: string;
  region: string;
  accessKey?: string;
  secretKey?: string;
  target: { topicArn: string } | { phoneNumber: string } | { driver: true };
  subject?: string;
  message?: string;
  sendResolved: boolean;
}
export interface ReceiverConfig {
  name: string;
  webhook: WebhookConfig[];
  email: EmailConfig[];
  slack: SlackConfig[];
  sns: SnsConfig[];
}
export interface InhibitRule {
  source: Matcher[];
  target: Matcher[];
  equal: string[];
}
export interface AlertingConfig {
  route: RouteConfig;
  receivers: Map<string, ReceiverConfig>;
  inhibitRules: InhibitRule[];
}

export class AlertingConfigError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem(s) in the alerting configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'AlertingConfigError';
  }
}

export function loadAlertingConfig(file: string): AlertingConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new AlertingConfigError(file, [`cannot read the file: ${(error as Error).message}`]);
  }
  return parseAlertingConfig(text, file);
}

/** The configuration, or an AlertingConfigError listing every problem as `line:col path: message`. */
export function parseAlertingConfig(text: string, file = 'ALERTING_CONFIG'): AlertingConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  if (document.errors.length > 0) {
    throw new AlertingConfigError(
      file,
      document.errors.map((error) => `${error.linePos?.[0] ? `${error.linePos[0].line}:${error.linePos[0].col}` : '?'} ${error.message.split('\n')[0]}`),
    );
  }
  const place = (path: PropertyKey[]) => placeOf(document, lineCounter, path);
  const parsed = fileSchema.safeParse(document.toJS());
  if (!parsed.success) {
    throw new AlertingConfigError(
      file,
      parsed.error.issues.map((issue) => {
        const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0] ?? ''] : issue.path;
        const message =
          issue.code === 'unrecognized_keys'
            ? `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')} (not in the supported subset)`
            : issue.message;
        return `${place(path)} ${formatPath(path) || '(file)'}: ${message}`;
      }),
    );
  }
  const problems: string[] = [];
  const config = resolve(parsed.data, (path, message) => problems.push(`${place(path)} ${formatPath(path)}: ${message}`));
  if (problems.length > 0) throw new AlertingConfigError(file, problems);
  return config;
}

type Report = (path: PropertyKey[], message: string) => void;

function resolve(raw: RawFile, report: Report): AlertingConfig {
  const receivers = new Map<string, ReceiverConfig>();
  raw.receivers.forEach((receiver, index) => {
    if (receivers.has(receiver.name)) report(['receivers', index, 'name'], `receiver "${receiver.name}" is defined twice`);
    receivers.set(receiver.name, resolveReceiver(raw, receiver, ['receivers', index], report));
  });
  if (!raw.route.receiver) report(['route', 'receiver'], 'the top route needs a receiver (the default for every alert)');
  if (raw.route.matchers?.length) report(['route', 'matchers'], 'the top route matches every alert: it may not have matchers');
  const defaults: Omit<RouteConfig, 'id' | 'matchers' | 'routes' | 'continue'> = {
    receiver: raw.route.receiver ?? '',
    groupBy: ['alertname'],
    groupWaitMs: 30_000,
    groupIntervalMs: 300_000,
    repeatIntervalMs: 4 * 3_600_000,
  };
  const route = resolveRoute(raw.route, defaults, ['route'], receivers, report);
  const inhibitRules = raw.inhibit_rules.map((rule) => ({
    source: rule.source_matchers.map(toMatcher),
    target: rule.target_matchers.map(toMatcher),
    equal: rule.equal,
  }));
  return { route, receivers, inhibitRules };
}

function resolveRoute(
  raw: RawRoute,
  parent: Omit<RouteConfig, 'id' | 'matchers' | 'routes' | 'continue'>,
  path: PropertyKey[],
  receivers: Map<string, ReceiverConfig>,
  report: Report,
): RouteConfig {
  const receiver = raw.receiver ?? parent.receiver;
  if (raw.receiver && !receivers.has(raw.receiver))
    report([...path, 'receiver'], `no receiver named "${raw.receiver}" (receivers: ${[...receivers.keys()].join(', ')})`);
  const groupBy = raw.group_by ?? parent.groupBy;
  if (groupBy.includes('...') && groupBy.length > 1) report([...path, 'group_by'], "'...' groups by every label and stands alone");
  for (const [index, label] of groupBy.entries()) {
    if (label !== '...' && !(ROUTE_LABELS as readonly string[]).includes(label))
      report([...path, 'group_by', index], `unknown label "${label}" (labels: ${ROUTE_LABELS.join(', ')})`);
  }
  const settings = {
    receiver,
    groupBy,
    groupWaitMs: raw.group_wait ? (parseDuration(raw.group_wait) ?? 0) : parent.groupWaitMs,
    groupIntervalMs: raw.group_interval ? (parseDuration(raw.group_interval) ?? 0) : parent.groupIntervalMs,
    repeatIntervalMs: raw.repeat_interval ? (parseDuration(raw.repeat_interval) ?? 0) : parent.repeatIntervalMs,
  };
  if (settings.groupIntervalMs <= 0) report([...path, 'group_interval'], 'must be more than 0');
  if (settings.repeatIntervalMs <= 0) report([...path, 'repeat_interval'], 'must be more than 0');
  return {
    ...settings,
    id: formatPath(path),
    matchers: (raw.matchers ?? []).map(toMatcher),
    continue: raw.continue ?? false,
    routes: (raw.routes ?? []).map((child, index) => resolveRoute(child, settings, [...path, 'routes', index], receivers, report)),
  };
}

function resolveReceiver(raw: RawFile, receiver: RawFile['receivers'][number], path: PropertyKey[], report: Report): ReceiverConfig {
  const { global } = raw;
  const email = receiver.email_configs.map((config, index): EmailConfig => {
    const from = config.from ?? global.smtp_from;
    const host = config.smarthost ?? global.smtp_smarthost;
    if (!from) report([...path, 'email_configs', index], 'from is required (here or global.smtp_from)');
    if (!host) report([...path, 'email_configs', index], 'smarthost is required (here or global.smtp_smarthost)');
    return {
      to: config.to,
      from: from ?? '',
      smarthost: host ?? '',
      authUsername: config.auth_username ?? global.smtp_auth_username,
      authPassword: config.auth_password ?? global.smtp_auth_password,
      requireTls: config.require_tls ?? global.smtp_require_tls,
      insecureSkipVerify: config.tls_config?.insecure_skip_verify ?? false,
      subject: config.subject,
      sendResolved: config.send_resolved,
    };
  });
  const slack = receiver.slack_configs.map((config, index): SlackConfig => {
    const apiUrl = config.api_url ?? global.slack_api_url;
    if (!apiUrl) report([...path, 'slack_configs', index], 'api_url (the incoming-webhook URL) is required (here or global.slack_api_url)');
    return {
      apiUrl: apiUrl ?? '',
      channel: config.channel,
      username: config.username,
      title: config.title,
      text: config.text,
      sendResolved: config.send_resolved,
    };
  });
  const sns = receiver.sns_configs.map((config, index): SnsConfig => {
    const targets = [
      config.topic_arn && { topicArn: config.topic_arn },
      config.phone_number && { phoneNumber: config.phone_number },
      config.to_driver && { driver: true as const },
    ].filter((target) => !!target);
    if (targets.length !== 1) report([...path, 'sns_configs', index], 'exactly one of topic_arn, phone_number or to_driver: true');
    const region = config.sigv4?.region ?? /^arn:aws[\w-]*:sns:([\w-]+):/.exec(config.topic_arn ?? '')?.[1];
    if (!region) report([...path, 'sns_configs', index], 'sigv4.region is required (or a topic_arn that names its region)');
    if (!config.sigv4?.access_key !== !config.sigv4?.secret_key)
      report([...path, 'sns_configs', index, 'sigv4'], 'access_key and secret_key go together (or neither: the default AWS credential chain)');
    return {
      apiUrl: config.api_url,
      region: region ?? '',
      accessKey: config.sigv4?.access_key,
      secretKey: config.sigv4?.secret_key,
      target: targets[0] || { driver: true },
      subject: config.subject,
      message: config.message,
      sendResolved: config.send_resolved,
    };
  });
  return { name: receiver.name, webhook: receiver.webhook_configs, email, slack, sns };
}

function toMatcher(text: string): Matcher {
  const parsed = parseMatcher(text);
  // Checked by the schema before resolve runs.
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

/** `line:col` of the deepest node of the path present in the file. */
function placeOf(document: Document, lineCounter: LineCounter, path: PropertyKey[]): string {
  for (let length = path.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length) as (string | number)[], true);
    if (isNode(node) && node.range) {
      const { line, col } = lineCounter.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}

/** For the BFF's start: undefined without ALERTING_CONFIG; a wrong file prints every problem and exits with code 2. */
export function loadAlertingConfigOrExit(file: string | undefined): AlertingConfig | undefined {
  if (!file) return undefined;
  try {
    return loadAlertingConfig(file);
  } catch (error) {
    if (!(error instanceof AlertingConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
