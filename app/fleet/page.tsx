import type { Metadata } from 'next';
import { Suspense } from 'react';

import { FleetView } from '@/components/fleet/fleet-view';
import { fleetPageSettings } from '@/server/runtime';

import './fleet.css';

export const metadata: Metadata = { title: 'Fleet · Fleetwatch' };
// The map style setting is read from the running BFF per request, not baked in at build time.
export const dynamic = 'force-dynamic';

export default function FleetPage() {
  return (
    <Suspense>
      <FleetView {...fleetPageSettings()} />
    </Suspense>
  );
}
