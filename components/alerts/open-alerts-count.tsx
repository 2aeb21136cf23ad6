'use client';

import { unacknowledgedCount } from '@/lib/alerts/alerts-cache';
import { useAlerts } from '@/lib/client/queries/alerts';
import { useAlertsFeed } from '@/lib/client/use-alerts-feed';

import styles from './alerts.module.css';

/** The navigation's live count of firing, unacknowledged alerts of the user's teams, on every page. */
export function OpenAlertsCount() {
  useAlertsFeed();
  const { data } = useAlerts();
  const count = data ? unacknowledgedCount(data.alerts) : 0;
  return (
    <span
      className={count > 0 ? styles.navCount : styles.navCountZero}
      data-testid="open-alerts-count"
      data-count={data ? count : ''}
      aria-label={`${count} firing, unacknowledged alerts`}
    >
      {count}
    </span>
  );
}
