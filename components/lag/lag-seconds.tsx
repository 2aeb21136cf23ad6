import type { LagMethod } from '@/lib/lag/api';
import { formatLagSeconds } from '@/lib/lag/table';

import styles from './lag.module.css';

const METHOD_TITLES: Record<LagMethod, string> = {
  timestamp: 'Measured: the timestamp of the next record to read',
  interpolated: 'Estimated: interpolated from the end offsets seen over time',
};

/** Under a table or figure that shows lag in seconds: what its "ts" and "interp." marks mean, in words. */
export function LagMethodNote() {
  return (
    <p className={styles.note} data-testid="lag-method-note">
      Lag (time): <b>ts</b> = {METHOD_TITLES.timestamp.toLowerCase()}; <b>≈ … interp.</b> = {METHOD_TITLES.interpolated.toLowerCase()}.
    </p>
  );
}

/** A lag-in-seconds figure with its method: "ts" measured from the record, "≈" interpolated. */
export function LagSeconds({ seconds, method }: { seconds: number | null; method: LagMethod | null }) {
  return (
    <span data-lag-method={method ?? 'none'}>
      {method === 'interpolated' ? '≈ ' : ''}
      {formatLagSeconds(seconds)}
      {method && (
        <abbr className={styles.method} title={METHOD_TITLES[method]}>
          {method === 'timestamp' ? 'ts' : 'interp.'}
        </abbr>
      )}
    </span>
  );
}
