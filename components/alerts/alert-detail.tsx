'use client';

import { useEffect, useState } from 'react';

import type { ZoneLookup } from '@/lib/alerts/describe';
import { alertTitle, describeBand, describeCondition, withUnit } from '@/lib/alerts/describe';
import type { AlertGroup } from '@/lib/alerts/grouping';
import type { ActionRequest, AlertView, AuditEntry } from '@/lib/api/alerts';
import { describeNotification } from '@/lib/api/alerts';
import { fetchAuditPage } from '@/lib/client/queries/alerts';
import { formatDateTime } from '@/lib/format';

import { AlertActions } from './alert-actions';
import { AlertChart } from './alert-chart';
import styles from './alerts.module.css';
import { SubjectLink } from './subject-link';

interface Props {
  group: AlertGroup;
  busy: boolean;
  error: string | undefined;
  zones: ZoneLookup | undefined;
  onAct: (request: ActionRequest) => void;
}

/** The selected alert: facts, chart, actions, the audit trail, and the earlier episodes of the same thing. */
export function AlertDetail({ group, busy, error, zones, onAct }: Props) {
  const view = group.latest;
  const { alert } = view;
  return (
    <section className={styles.detail} aria-labelledby="alert-detail-title" data-testid="alert-detail" data-alert-id={alert.alertId}>
      <h2 id="alert-detail-title">{alertTitle(alert, zones)}</h2>
      <p>
        <SubjectLink alert={alert} zones={zones} />
      </p>
      <dl className={styles.facts}>
        <dt>Status</dt>
        <dd data-testid="detail-status">{view.status}</dd>
        <dt>Condition</dt>
        <dd data-testid="detail-condition" data-state={alert.state}>
          {describeCondition(alert)}
        </dd>
        <dt>Severity</dt>
        <dd>{alert.severity}</dd>
        <dt>Value</dt>
        <dd data-testid="detail-value">{withUnit(alert.value, alert.metric)}</dd>
        <dt>Band</dt>
        <dd data-testid="detail-band">{describeBand(alert)}</dd>
        <dt>Started</dt>
        <dd>{formatDateTime(alert.startedAt)}</dd>
        <dt>Team</dt>
        <dd>{alert.team}</dd>
        <dt>Assignee</dt>
        <dd>{view.assignee ?? '—'}</dd>
        {view.snoozedUntil !== null && (
          <>
            <dt>Snoozed until</dt>
            <dd>{formatDateTime(view.snoozedUntil)}</dd>
          </>
        )}
        {view.silencedBy && (
          <>
            <dt>Silenced by</dt>
            <dd>{view.silencedBy}</dd>
          </>
        )}
      </dl>
      <AlertActions count={1} view={view} busy={busy} error={error} onAct={onAct} />
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
                {formatDateTime(episode.alert.startedAt)} · {episode.alert.severity} · {episode.status} · {describeCondition(episode.alert)}
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
            <time>{formatDateTime(entry.at)}</time>{' '}
            {entry.type === 'alert' ? (
              <span data-testid="detector-entry">
                detector: {describeCondition(entry)} ({entry.severity}, {withUnit(entry.value, view.alert.metric)})
              </span>
            ) : entry.type === 'notification' ? (
              <span className={entry.outcome === 'sent' ? '' : styles.muted} data-testid="notification-attempt">
                {describeNotification(entry)}
              </span>
            ) : (
              <span className={entry.applied ? '' : styles.muted}>
                {entry.by}: {entry.action}
                {entry.assignee ? ` → ${entry.assignee}` : ''}
                {entry.until ? ` until ${formatDateTime(entry.until)}` : ''}
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
