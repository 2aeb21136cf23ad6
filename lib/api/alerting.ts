import type { NotificationAttempt } from '../contracts/notifications';

/** The admin page's view of ALERTING_CONFIG: receivers by redacted target, never a secret. */
export interface AlertingOverview {
  enabled: boolean;
  receivers: { name: string; integrations: { id: string; kind: string; target: string; sendResolved: boolean }[] }[];
  routes: {
    id: string;
    receiver: string;
    matchers: string[];
    groupBy: string[];
    groupWaitMs: number;
    groupIntervalMs: number;
    repeatIntervalMs: number;
    continue: boolean;
    depth: number;
  }[];
  inhibitRules: { source: string[]; target: string[]; equal: string[] }[];
  recentAttempts: NotificationAttempt[];
}

export interface TestResult {
  integration: string;
  target: string;
  ok: boolean;
  error?: string;
}
