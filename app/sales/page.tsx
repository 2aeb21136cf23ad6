import type { Metadata } from 'next';

import { SalesView } from '@/components/sales/sales-view';

import './sales.css';

export const metadata: Metadata = { title: 'Sales · Fleetwatch' };

export default function SalesPage() {
  return <SalesView />;
}
