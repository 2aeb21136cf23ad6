import type { Metadata } from 'next';

import { ConcentrationView } from '@/components/concentration/concentration-view';

export const metadata: Metadata = { title: 'Concentration · Fleetwatch' };

export default function ConcentrationPage() {
  return <ConcentrationView />;
}
