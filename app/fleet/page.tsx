import type { Metadata } from 'next';
import { Suspense } from 'react';

import { FleetView } from '@/components/fleet/fleet-view';
import { getRuntime } from '@/server/runtime';

import './fleet.css';

export const metadata: Metadata = { title: 'Fleet · Fleetwatch' };
// The map style setting is read from the running BFF per request, not baked in at build time.
export const dynamic = 'force-dynamic';

/** FLEET_STATE_RETENTION_H's default, while the BFF is still starting. */
const DEFAULT_RETENTION_MS = 7 * 24 * 3_600_000;

export default function FleetPage() {
  return (
    <Suspense>
      <FleetView styleUrl={getRuntime()?.fleetMapStyleUrl} retentionMs={getRuntime()?.replay.retention().retentionMs ?? DEFAULT_RETENTION_MS} />
    </Suspense>
  );
}
