'use client';

import { useMutation, useQuery } from '@tanstack/react-query';

import type { AlertingOverview, TestResult } from '@/lib/api/alerting';
import { describeNotification } from '@/lib/api/alerts';
import { fetchOrExplain } from '@/lib/client/queries/fetch';
import { formatDateTime } from '@/lib/format';

import styles from '../alerts/alerts.module.css';

async function fetchOverview(): Promise<AlertingOverview> {
  const response = await fetchOrExplain('/api/alerting', { cache: 'no-store' });
  if (!response.ok) throw new Error(`alerting: HTTP ${response.status}`);
  return (await response.json()) as AlertingOverview;
}

async function sendTest(receiver: string): Promise<TestResult[]> {
  const response = await fetchOrExplain(`/api/alerting/receivers/${encodeURIComponent(receiver)}/test`, { method: 'POST' });
  const body = (await response.json()) as { results?: TestResult[]; error?: { message: string } };
  if (!response.ok || !body.results) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
  return body.results;
}

const seconds = (ms: number) => `${ms / 1000} s`;

/** The admin's view of ALERTING_CONFIG: receivers with "send test", the route tree, inhibit rules and the last attempts. */
export function AlertingView() {
  const overview = useQuery({ queryKey: ['alerting'], queryFn: fetchOverview, refetchInterval: 5_000 });
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  if (!overview.data) return <p>Loading…</p>;
  const { data } = overview;
  if (!data.enabled) return <p>Notifications are off: set ALERTING_CONFIG to an Alertmanager-format file (see the README).</p>;
  return (
    <main className="page">
      <h1>Alerting</h1>
      <h2>Receivers</h2>
      <ul className={styles.audit} data-testid="receivers">
        {data.receivers.map((receiver) => (
          <ReceiverRow key={receiver.name} receiver={receiver} />
        ))}
      </ul>
      <h2>Routes</h2>
      <ol className={styles.audit} data-testid="routes">
        {data.routes.map((route) => (
          <li key={route.id} style={{ paddingLeft: `${route.depth * 1.5}em` }}>
            <code>{route.matchers.join(', ') || '(every alert)'}</code> → <strong>{route.receiver}</strong> · group by {route.groupBy.join(', ')} · wait{' '}
            {seconds(route.groupWaitMs)}, interval {seconds(route.groupIntervalMs)}, repeat {seconds(route.repeatIntervalMs)}
            {route.continue ? ' · continue' : ''}
          </li>
        ))}
      </ol>
      {data.inhibitRules.length > 0 && (
        <>
          <h2>Inhibit rules</h2>
          <ul className={styles.audit}>
            {data.inhibitRules.map((rule, index) => (
              <li key={index}>
                <code>{rule.source.join(', ')}</code> mutes <code>{rule.target.join(', ')}</code>
                {rule.equal.length > 0 ? ` with equal ${rule.equal.join(', ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Last attempts</h2>
      <ol className={styles.audit} data-testid="attempts">
        {data.recentAttempts.map((attempt, index) => (
          <li key={`${attempt.notificationId}-${attempt.alertId}-${attempt.attempt}-${index}`}>
            <time>{formatDateTime(attempt.at)}</time> {attempt.alertId}: {describeNotification(attempt)}
          </li>
        ))}
      </ol>
    </main>
  );
}

function ReceiverRow({ receiver }: { receiver: AlertingOverview['receivers'][number] }) {
  const test = useMutation({ mutationFn: () => sendTest(receiver.name) });
  return (
    <li>
      <strong>{receiver.name}</strong>{' '}
      <button type="button" onClick={() => test.mutate()} disabled={test.isPending}>
        {test.isPending ? 'Sending…' : 'Send test'}
      </button>
      <ul>
        {receiver.integrations.map((integration) => {
          const result = test.data?.find((candidate) => candidate.integration === integration.id);
          return (
            <li key={integration.id}>
              {integration.id} → {integration.target}
              {integration.sendResolved ? ' (with resolved)' : ''}
              {result && (result.ok ? ' — test sent' : ` — test failed: ${result.error ?? ''}`)}
            </li>
          );
        })}
      </ul>
      {test.isError && <p role="alert">{test.error.message}</p>}
    </li>
  );
}
