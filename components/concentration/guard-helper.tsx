'use client';

import { useState } from 'react';
import { z } from 'zod';

import type { ZoneView } from '@/lib/api/zones';
import { allocateGuards } from '@/lib/zones/allocate-guards';

import styles from './concentration.module.css';

const MAX_GUARDS = 500;
const guardsSchema = z.coerce.number().int('a whole number').min(0, 'at least 0').max(MAX_GUARDS, `at most ${MAX_GUARDS}`);

/** Given a number of guards, how many to send where: in proportion to the people in each zone now. */
export function GuardHelper({ zones }: { zones: readonly ZoneView[] }) {
  const [input, setInput] = useState('');
  const parsed = input.trim() === '' ? undefined : guardsSchema.safeParse(input);
  const allocation = parsed?.success ? allocateGuards(parsed.data, zones.map((zone) => ({ zoneId: zone.zoneId, weight: zone.live?.uniqueBadges ?? 0 }))) : [];
  const names = new Map(zones.map((zone) => [zone.zoneId, zone]));
  const sent = allocation.filter((row) => row.guards > 0).sort((a, b) => b.guards - a.guards || a.zoneId.localeCompare(b.zoneId));
  return (
    <section className={styles.panel} aria-labelledby="guards-title">
      <h2 id="guards-title">Send guards</h2>
      <div className={styles.guardForm}>
        <label htmlFor="guard-count">Guards available</label>
        <input id="guard-count" type="number" min={0} max={MAX_GUARDS} step={1} inputMode="numeric" value={input} onChange={(event) => setInput(event.target.value)} />
      </div>
      {parsed && !parsed.success && <p className={styles.error} role="alert">{parsed.error.issues[0]?.message ?? 'not a number of guards'}</p>}
      {parsed?.success && (
        <table className={styles.table} aria-label="Guard allocation">
          <thead>
            <tr>
              <th>Zone</th>
              <th className={styles.number}>People now</th>
              <th className={styles.number}>Guards</th>
            </tr>
          </thead>
          <tbody>
            {sent.map((row) => (
              <tr key={row.zoneId} data-zone-id={row.zoneId}>
                <td>{names.get(row.zoneId)?.name ?? row.zoneId}</td>
                <td className={styles.number}>{names.get(row.zoneId)?.live?.uniqueBadges ?? 0}</td>
                <td className={styles.number} data-testid={`guards-${row.zoneId}`}>
                  {row.guards}
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td colSpan={2}>Total</td>
              <td className={styles.number} data-testid="guards-total">
                {allocation.reduce((total, row) => total + row.guards, 0)}
              </td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}
