import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { AppNav } from '@/components/ui/app-nav';

import { Providers } from './providers';



import './globals.css';

export const metadata: Metadata = {
  title: 'Fleetwatch',
  description: 'Live fleet telemetry, alerts, sales, campus concentration and consumer lag',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppNav />
          <main>{children}</main>
        </Providers>
      </body>
    </html>
  );
}
