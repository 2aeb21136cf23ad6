import type { Metadata } from 'next';

import { AlertingView } from '@/components/alerting/alerting-view';

export const metadata: Metadata = { title: 'Alerting · Fleetwatch' };

export default function AlertingPage() {
  return <AlertingView />;
}
