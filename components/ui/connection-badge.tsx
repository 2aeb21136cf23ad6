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

/**
 * Over data that stopped updating: a person must never take the last update for the present.
 * Nothing while live or still making the first connection (the view's own loading state covers
 * that); lost before anything loaded, it says so, or the loading placeholders would wait on silently.
 */
export function ConnectionLostBanner({ state, hasData }: { state: ConnectionState; hasData: boolean }) {
  if (state === 'live' || (state === 'connecting' && !hasData)) return null;
  return (
    <p className="banner banner-warning" role="alert">
      {hasData
        ? 'The live connection is down: what you see is as of the last update. Reconnecting automatically.'
        : 'The server cannot be reached, so nothing has loaded yet. Reconnecting automatically.'}
    </p>
  );
}
