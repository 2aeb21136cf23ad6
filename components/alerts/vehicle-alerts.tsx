'use client';

import Link from 'next/link';

import { describeCondition, metricLabel, withUnit } from '@/lib/alerts/describe';
import { useAlerts } from '@/lib/client/queries/alerts';
import { useAlertsFeed } from '@/lib/client/use-alerts-feed';
import { formatClock } from '@/lib/format';

import styles from './alerts.module.css';

const SHOWN = 10;

/** A vehicle's recent alerts, live, for the vehicle detail; links to the inbox filtered to it. */
export function VehicleAlerts({ vehicleId }: { vehicleId: string }) {
  useAlertsFeed();
  const { data, isPending } = useAlerts();
  const mine = (data?.alerts ?? []).filter((view) => view.alert.kind === 'anomaly' && view.alert.vehicleId === vehicleId);
  return (
    <section className={styles.panel} aria-labelledby={`vehicle-alerts-${vehicleId}`} data-testid="vehicle-alerts">
      <h2 id={`vehicle-alerts-${vehicleId}`}>Alerts of {vehicleId}</h2>
      {isPending ? (
        <p className={styles.muted}>Loading…</p>
      ) : mine.length === 0 ? (
        <p className={styles.muted}>No alerts for this vehicle.</p>
      ) : (
        <ul className={styles.audit}>
          {mine.slice(0, SHOWN).map((view) => (
            <li key={view.alert.alertId} data-status={view.status}>
              <span className={`${styles.severity} ${styles[`severity-${view.alert.severity}`] ?? ''}`}>{view.alert.severity}</span>{' '}
              {metricLabel(view.alert.metric)} {withUnit(view.alert.value, view.alert.metric)} at {formatClock(view.alert.startedAt)} · {view.status} ·{' '}
              {describeCondition(view.alert)}
            </li>
          ))}
        </ul>
      )}
      <Link href={`/alerts?vehicle=${encodeURIComponent(vehicleId)}`}>Open in the inbox</Link>
    </section>
  );
}
