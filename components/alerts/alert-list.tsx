'use client';

import type { ZoneLookup } from '@/lib/alerts/describe';
import { alertRowTitle, alertTitle, describeCondition } from '@/lib/alerts/describe';
import type { AlertGroup } from '@/lib/alerts/grouping';
import { needsAttention } from '@/lib/api/alerts';
import { formatClock } from '@/lib/format';

import styles from './alerts.module.css';

interface Props {
  groups: AlertGroup[];
  selectedKey: string | undefined;
  checked: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  zones: ZoneLookup | undefined;
  onSelect: (key: string) => void;
  onCheck: (alertId: string, checked: boolean) => void;
}

/**
 * One row per subject and metric: the newest episode, how many there were, and whether they flap.
 * Firing, unacknowledged rows stand out; cleared and inhibited ones are drawn quieter.
 */
export function AlertList({ groups, selectedKey, checked, freshIds, zones, onSelect, onCheck }: Props) {
  if (groups.length === 0)
    return (
      <p className="empty" id="alert-list" tabIndex={-1}>
        No alerts match these filters.
      </p>
    );
  return (
    <ul className={styles.list} aria-label="Alerts" data-testid="alert-list" id="alert-list" tabIndex={-1}>
      {groups.map((group) => {
        const view = group.latest;
        const id = view.alert.alertId;
        const tone = needsAttention(view) ? styles.rowFiring : view.alert.state === 'firing' ? '' : styles.rowQuiet;
        return (
          <li
            key={group.key}
            className={`${styles.row} ${tone} ${group.key === selectedKey ? styles.rowSelected : ''} ${freshIds.has(id) ? styles.rowFresh : ''}`}
            data-testid="alert-row"
            data-alert-id={id}
            data-status={view.status}
            data-state={view.alert.state}
            aria-selected={group.key === selectedKey}
            onClick={() => onSelect(group.key)}
          >
            <input
              type="checkbox"
              aria-label={`Select ${alertTitle(view.alert, zones)}`}
              checked={checked.has(id)}
              onClick={(event) => event.stopPropagation()}
              onChange={(event) => onCheck(id, event.target.checked)}
            />
            <span className={`${styles.severity} ${styles[`severity-${view.alert.severity}`] ?? ''}`}>{view.alert.severity}</span>
            <span className={styles.rowTitle} title={alertTitle(view.alert, zones)} data-testid="alert-row-title">
              {alertRowTitle(view.alert, zones)}
              {group.episodes.length > 1 && (
                <span className={styles.occurrences} title="episodes of this vehicle and metric" data-testid="occurrences">
                  ×{group.episodes.length}
                </span>
              )}
              {group.flapping && (
                <span className={styles.flapping} title="episodes repeat fast: flapping">
                  flapping
                </span>
              )}
            </span>
            <span className={styles.muted}>{view.alert.team}</span>
            <span className={`${styles.status} ${styles[`status-${view.status}`] ?? ''}`} data-testid="alert-status">
              {view.status}
            </span>
            <span className={view.alert.state === 'firing' ? styles.firing : styles.muted} data-testid="alert-condition">
              {describeCondition(view.alert)}
            </span>
            <span className={styles.muted}>{formatClock(view.alert.startedAt)}</span>
          </li>
        );
      })}
    </ul>
  );
}
