'use client';

import { useState } from 'react';
import { z } from 'zod';

import type { ZoneView } from '@/lib/api/zones';
import { formatNumber } from '@/lib/format';
import { bySplitOrder, splitGuards } from '@/lib/zones/allocate-guards';

import styles from './concentration.module.css';

const MAX_GUARDS = 500;
/** What the box starts with: a typical shift's worth, so the split and its reasoning show before anyone types. */
const DEFAULT_GUARDS = 10;
const guardsSchema = z.coerce.number().int('a whole number').min(0, 'at least 0').max(MAX_GUARDS, `at most ${MAX_GUARDS}`);

/** Given a number of guards, how many to send where, in proportion to the people in each zone now, with the steps shown. */
export function GuardHelper({ zones }: { zones: readonly ZoneView[] }) {
  const [input, setInput] = useState(String(DEFAULT_GUARDS));
  const parsed = input.trim() === '' ? undefined : guardsSchema.safeParse(input);
  const split = parsed?.success
    ? splitGuards(
        parsed.data,
        zones.map((zone) => ({ zoneId: zone.zoneId, weight: zone.live?.uniqueBadges ?? 0 })),
      )
    : [];
  const names = new Map(zones.map((zone) => [zone.zoneId, zone.name]));
  const people = split.reduce((total, row) => total + row.people, 0);
  const whole = split.reduce((total, row) => total + row.whole, 0);
  const rows = split.filter((row) => row.guards > 0 || row.people > 0).sort(bySplitOrder);
  return (
    <section className={styles.panel} aria-labelledby="guards-title">
      <h2 id="guards-title">Send guards</h2>
      <div className={styles.guardForm}>
        <label htmlFor="guard-count">Guards available</label>
        <input
          id="guard-count"
          type="number"
          min={0}
          max={MAX_GUARDS}
          step={1}
          inputMode="numeric"
          value={input}
          onChange={(event) => setInput(event.target.value)}
        />
      </div>
      {parsed && !parsed.success && (
        <p className={styles.error} role="alert">
          {parsed.error.issues[0]?.message ?? 'not a number of guards'}
        </p>
      )}
      {parsed?.success && (
        <>
          <p className={styles.explain} data-testid="guards-reasoning">
            {people === 0
              ? `Nobody is on campus, so the ${parsed.data} guards are spread evenly. `
              : `Each zone's share of the ${formatNumber(people)} people now × ${parsed.data} guards gives its exact share; every zone gets the whole guards of it (${whole} in all). `}
            {parsed.data - whole > 0
              ? `The ${parsed.data - whole} left over go one each to the zones with the largest fractions left (ties: more people, then zone id), marked +1.`
              : 'No guard is left over.'}
          </p>
          <table className={styles.table} aria-label="Guard allocation">
            <thead>
              <tr>
                <th>Zone</th>
                <th className={styles.number}>People now</th>
                <th className={styles.number}>Share</th>
                <th className={styles.number}>Exact</th>
                <th className={styles.number}>Guards</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.zoneId} data-zone-id={row.zoneId}>
                  <td>{names.get(row.zoneId) ?? row.zoneId}</td>
                  <td className={styles.number}>{formatNumber(row.people)}</td>
                  <td className={styles.number}>{formatNumber(row.share * 100, 1)} %</td>
                  <td className={styles.number}>{formatNumber(row.exact, 2)}</td>
                  <td className={styles.number}>
                    <span data-testid={`guards-${row.zoneId}`}>{row.guards}</span>
                    {row.fromRemainder && (
                      <span
                        className={styles.extra}
                        title={`${row.whole} whole, plus one of the guards left over for its remainder of ${formatNumber(row.exact - row.whole, 2)}`}
                      >
                        {' '}
                        (+1)
                      </span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>Total</td>
                <td className={styles.number}>{formatNumber(people)}</td>
                <td colSpan={2} />
                <td className={styles.number} data-testid="guards-total">
                  {split.reduce((total, row) => total + row.guards, 0)}
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}
