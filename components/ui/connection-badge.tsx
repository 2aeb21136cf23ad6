'use client';

import type { ConnectionState } from '@/lib/client/socket';

const LABELS: Record<ConnectionState, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

export function ConnectionBadge({ state }: { state: ConnectionState }) {
  return (
    <span className={`badge badge-${state}`} data-testid="connection-state" data-state={state} role="status" aria-live="polite">
      <span className="badge-dot" aria-hidden />
      {LABELS[state]}
    </span>
  );
}
