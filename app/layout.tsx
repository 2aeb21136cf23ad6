import type { Metadata } from 'next';
import type { ReactNode } from 'react';

import { AppNav } from '@/components/ui/app-nav';
import { KafkaBanner } from '@/components/ui/kafka-banner';
import { currentIdentity } from '@/server/auth/current-identity';

import { Providers } from './providers';

import './globals.css';

export const metadata: Metadata = {
  title: 'Fleetwatch',
  description: 'Live fleet telemetry, alerts, sales, campus concentration and consumer lag',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const identity = await currentIdentity();
  return (
    <html lang="en">
      <body>
        <Providers>
          <AppNav identity={identity} />
          <main>
            {identity && <KafkaBanner />}
            {children}
          </main>
        </Providers>
      </body>
    </html>
  );
}
