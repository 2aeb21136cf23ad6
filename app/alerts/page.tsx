import type { Metadata } from 'next';

import { AlertsInbox } from '@/components/alerts/alerts-inbox';

export const metadata: Metadata = { title: 'Alerts · Fleetwatch' };

export default function AlertsPage() {
  return <AlertsInbox />;
}
