import Link from 'next/link';

import { viewsFor } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/roles';

import { OpenAlertsCount } from '../alerts/open-alerts-count';
import { SignOutButton } from '../auth/sign-out-button';

/** Only the views the user's role may open are listed. */
export function AppNav({ identity }: { identity: Identity | undefined }) {
  return (
    <header className="app-header">
      <Link href="/" className="brand">
        Fleetwatch
      </Link>
      <nav aria-label="Views">
        {identity &&
          viewsFor(identity.role).map((view) => (
            <Link key={view.id} href={view.page} className="nav-link">
              {view.label}
              {view.id === 'alerts' && <OpenAlertsCount />}
            </Link>
          ))}
      </nav>
      {identity && (
        <span className="user">
          <span data-testid="signed-in-as">
            {identity.name} · {identity.role}
          </span>
          {identity.via === 'session' && <SignOutButton />}
        </span>
      )}
    </header>
  );
}
