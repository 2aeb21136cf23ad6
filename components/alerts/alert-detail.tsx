'use client';

import { useEffect, useState } from 'react';

import type { AlertGroup } from '@/lib/alerts/grouping';
import type { ActionRequest, AlertView, AuditEntry } from '@/lib/api/alerts';
import { describeNotification } from '@/lib/api/alerts';
import { fetchAuditPage } from '@/lib/client/queries/alerts';

import { AlertActions } from './alert-actions';
import { AlertChart } from './alert-chart';
import styles from './alerts.module.css';
import { alertTitle, dateTime } from './format';

interface Props {
  group: AlertGroup;
  busy: boolean;
  error: string | undefined;
  onAct: (request: ActionRequest) => void;
}

/** The selected alert: facts, chart, actions, the audit trail, and the earlier episodes of the same thing. */
export function AlertDetail({ group, busy, error, onAct }: Props) {
  const view = group.latest;
  const { alert } = view;
  return (
    <section className={styles.detail} aria-labelledby="alert-detail-title" data-testid="alert-detail" data-alert-id={alert.alertId}>
      <h2 id="alert-detail-title">{alertTitle(view)}</h2>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd data-testid="detail-status">{view.status}</dd>
        <dt>Condition</dt>
        <dd>{alert.state}</dd>
        <dt>Severity</dt>
        <dd>{alert.severity}</dd>
        <dt>Value</dt>
        <dd>{alert.value}</dd>
        <dt>Started</dt>
        <dd>{dateTime(alert.startedAt)}</dd>
        <dt>Team</dt>
        <dd>{alert.team}</dd>
        <dt>Assignee</dt>
        <dd>{view.assignee ?? '—'}</dd>
        {view.snoozedUntil !== null && (
          <>
            <dt>Snoozed until</dt>
            <dd>{dateTime(view.snoozedUntil)}</dd>
          </>
        )}
        {view.silencedBy && (
          <>
            <dt>Silenced by</dt>
            <dd>{view.silencedBy}</dd>
          </>
        )}
      </dl>
      <AlertActions count={1} busy={busy} error={error} onAct={onAct} />
      <AlertChart view={view} />
      <h3>Audit trail</h3>
      <AuditTrail view={view} />
      {group.episodes.length > 1 && (
        <>
          <h3>
            {group.episodes.length} episodes{group.flapping ? ' (flapping)' : ''}
          </h3>
          <ul className={styles.audit}>
            {group.episodes.map((episode) => (
              <li key={episode.alert.alertId}>
                {dateTime(episode.alert.startedAt)} · {episode.alert.severity} · {episode.status}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

/**
 * The trail: the newest entries come with the alert; earlier ones are fetched a page at a time on
 * request, so a long trail costs nothing until someone wants to read it.
 */
function AuditTrail({ view }: { view: AlertView }) {
  const [earlier, setEarlier] = useState<AuditEntry[]>([]);
  const [problem, setProblem] = useState<string>();
  const alertId = view.alert.alertId;
  useEffect(() => {
    setEarlier([]);
    setProblem(undefined);
  }, [alertId]);
  const hidden = view.auditTotal - view.audit.length - earlier.length;
  const loadEarlier = () => {
    fetchAuditPage(alertId, hidden)
      .then((page) => setEarlier((shown) => [...page.entries, ...shown]))
      .catch((error: unknown) => setProblem((error as Error).message));
  };
  return (
    <>
      {hidden > 0 && (
        <button type="button" onClick={loadEarlier}>
          Show earlier entries ({hidden})
        </button>
      )}
      {problem && <p role="alert">{problem}</p>}
      <ol className={styles.audit} data-testid="audit-trail">
        {[...earlier, ...view.audit].map((entry, index) => (
          <li key={entry.type === 'action' ? entry.actionId : `${entry.at}-${index}`}>
            <time>{dateTime(entry.at)}</time>{' '}
            {entry.type === 'alert' ? (
              <span>
                detector: {entry.state} ({entry.severity}, value {entry.value})
              </span>
            ) : entry.type === 'notification' ? (
              <span className={entry.outcome === 'sent' ? '' : styles.muted} data-testid="notification-attempt">
                {describeNotification(entry)}
              </span>
            ) : (
              <span className={entry.applied ? '' : styles.muted}>
                {entry.by}: {entry.action}
                {entry.assignee ? ` → ${entry.assignee}` : ''}
                {entry.until ? ` until ${dateTime(entry.until)}` : ''}
                {entry.note ? ` — “${entry.note}”` : ''}
                {!entry.applied && ' (no effect: the alert was already past that)'}
              </span>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}
