import type { Metadata } from 'next';

import { TripView } from '@/components/fleet/trip/trip-view';
import { idSchema } from '@/lib/contracts/common';
import { fleetPageSettings } from '@/server/runtime';

import '../../../fleet.css';

export const metadata: Metadata = { title: 'Trip history · Fleetwatch' };
export const dynamic = 'force-dynamic';

/** `/fleet/vehicles/:id/trip`: one vehicle's route, stops and charts over a period, under the fleet page's access rule. */
export default async function TripPage({ params }: { params: Promise<{ id: string }> }) {
  const id = idSchema.safeParse(decodeURIComponent((await params).id));
  if (!id.success) return <p className="empty">No such vehicle id.</p>;
  return <TripView vehicleId={id.data} {...fleetPageSettings()} />;
}
