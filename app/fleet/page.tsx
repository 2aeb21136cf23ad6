import { FleetView } from '@/components/fleet/fleet-view';

import type { Metadata } from 'next';


export const metadata: Metadata = { title: 'Fleet · Fleetwatch' };

export default function FleetPage() {
  return <FleetView />;
}
