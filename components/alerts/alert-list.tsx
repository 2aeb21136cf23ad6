'use client';

import type { AlertGroup } from '@/lib/alerts/grouping';

import styles from './alerts.module.css';
import { alertTitle, clockTime } from './format';

interface Props {
  groups: AlertGroup[];
  selectedKey: string | undefined;
  checked: ReadonlySet<string>;
  freshIds: ReadonlySet<string>;
  onSelect: (key: string) => void;
  onCheck: (alertId: string, checked: boolean) => void;
}

/** One row per subject and metric: the newest episode, how many there were, and whether they flap. */
export function AlertList({ groups, selectedKey, checked, freshIds, onSelect, onCheck }: Props) {
  if (groups.length === 0) return <p className="empty">No alerts match these filters.</p>;
  return (
    <ul className={styles.list} aria-label="Alerts" data-testid="alert-list">
      {groups.map((group) => {
        const view = group.latest;
        const id = view.alert.alertId;
        return (
          <li
            key={group.key}
            className={`${styles.row} ${group.key === selectedKey ? styles.rowSelected : ''} ${freshIds.has(id) ? styles.rowFresh : ''}`}
            data-testid="alert-row"
            data-alert-id={id}
            data-status={view.status}
            aria-selected={group.key === selectedKey}
            onClick={() => onSelect(group.key)}
          >
            <input type="checkbox" aria-label={`Select ${alertTitle(view)}`} checked={checked.has(id)} onClick={(event) => event.stopPropagation()} onChange={(event) => onCheck(id, event.target.checked)} />
            <span className={`${styles.severity} ${styles[`severity-${view.alert.severity}`] ?? ''}`}>{view.alert.severity}</span>
            <span className={styles.rowTitle}>
              {alertTitle(view)}
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
            <span className={view.alert.state === 'firing' ? styles.firing : styles.muted}>{view.alert.state}</span>
            <span className={styles.muted}>{clockTime(view.alert.startedAt)}</span>
          </li>
        );
      })}
    </ul>
  );
}
