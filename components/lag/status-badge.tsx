import type { LagStatus } from '@/lib/lag/api';
import { isHealthy } from '@/lib/lag/status';
import { STATUS_LABELS } from '@/lib/lag/table';

import styles from './lag.module.css';

/**
 * A status and the rule that matched: on hover always, and written out under the badge when the
 * status is not healthy (a healthy row's "within the rules" would only be noise).
 */
export function StatusBadge({ status, reason }: { status: LagStatus; reason?: string }) {
  return (
    <span className={styles.statusCell}>
      <span className={`${styles.status} ${styles[`status-${status}`] ?? ''}`} data-status={status} title={reason}>
        {STATUS_LABELS[status]}
      </span>
      {reason && !isHealthy(status) && (
        <span className={styles.reason} data-testid="status-reason">
          {reason}
        </span>
      )}
    </span>
  );
}
