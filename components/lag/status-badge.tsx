import type { LagStatus } from '@/lib/lag/api';
import { STATUS_LABELS } from '@/lib/lag/table';

import styles from './lag.module.css';

export function StatusBadge({ status }: { status: LagStatus }) {
  return (
    <span className={`${styles.status} ${styles[`status-${status}`] ?? ''}`} data-status={status}>
      {STATUS_LABELS[status]}
    </span>
  );
}
