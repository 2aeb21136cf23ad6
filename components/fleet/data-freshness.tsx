'use client';

import { useNow } from '@/lib/client/use-fleet';
import { formatAge, formatDateTime } from '@/lib/format';

/** How old the newest fix is: the honest answer to "is what I see current?". */
export function DataFreshness({ newestFixAt }: { newestFixAt: number | null }) {
  const now = useNow();
  if (newestFixAt === null || now === 0) return <span className="freshness">No data yet</span>;
  const age = Math.max(0, now - newestFixAt);
  return (
    <span className={`freshness ${age > 10_000 ? 'freshness-stale' : ''}`} data-testid="freshness" title={formatDateTime(newestFixAt)}>
      Newest fix {formatAge(age)}
    </span>
  );
}
