'use client';

import type { ZonesResponse } from '@/lib/api/zones';
import { useNow } from '@/lib/client/use-fleet';
import { formatMinute, formatNumber } from '@/lib/format';
import { formatCountdown } from '@/lib/zones/occupancy-level';

import styles from './concentration.module.css';

const PEOPLE = 'distinct badges seen in the zone during the window, each person counted once however often a sensor saw them';
const SIGHTINGS = 'every time a sensor saw a badge there, so one person lingering near a sensor adds many';

/** The last 15-minute report (the newest window final everywhere), as the old warehouse report showed it. */
export function WindowReport({ data }: { data: ZonesResponse }) {
  const now = useNow();
  const report = data.lastReport;
  const rows = report
    ? data.zones
        .map((zone) => ({ zone, window: zone.windows.find((window) => window.windowStart === report.windowStart) }))
        .sort((a, b) => (b.window?.uniqueBadges ?? 0) / b.zone.capacity - (a.window?.uniqueBadges ?? 0) / a.zone.capacity)
    : [];
  const untilNext = Date.parse(data.currentWindow.windowEnd) - now;
  return (
    <section className={styles.panel} aria-labelledby="report-title">
      <h2 id="report-title">15-minute report{report ? `: ${formatMinute(report.windowStart)}–${formatMinute(report.windowEnd)}` : ''}</h2>
      <p data-testid="next-report">{now === 0 ? '' : untilNext > 0 ? `Next report in ${formatCountdown(untilNext)}` : 'Next report any moment'}</p>
      <p className={styles.explain} data-testid="report-terms">
        <b>People</b>: {PEOPLE}. <b>Sightings</b>: {SIGHTINGS}.
      </p>
      {!report ? (
        <p className="empty">No 15-minute window has closed yet.</p>
      ) : (
        <table className={styles.table} aria-label="Last 15-minute report">
          <thead>
            <tr>
              <th>Zone</th>
              <th className={styles.number} title={PEOPLE}>
                People
              </th>
              <th className={styles.number} title={SIGHTINGS}>
                Sightings
              </th>
              <th className={styles.number}>Of capacity</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ zone, window }) => (
              <tr key={zone.zoneId}>
                <td>{zone.name}</td>
                <td className={styles.number}>{formatNumber(window?.uniqueBadges ?? 0)}</td>
                <td className={styles.number}>{formatNumber(window?.sightings ?? 0)}</td>
                <td className={styles.number}>{formatNumber(((window?.uniqueBadges ?? 0) / zone.capacity) * 100)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
