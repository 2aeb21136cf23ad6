import type { Metadata } from 'next';
import Link from 'next/link';

import { VIEW_ACCESS, homeFor } from '@/lib/auth/access';
import { currentIdentity } from '@/server/auth/current-identity';

export const metadata: Metadata = { title: 'No access · Fleetwatch' };
export const dynamic = 'force-dynamic';

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { from } = await searchParams;
  const identity = await currentIdentity();
  const view = VIEW_ACCESS.find((candidate) => typeof from === 'string' && from.startsWith(candidate.page));
  return (
    <section className="view">
      <h1>No access</h1>
      <p>
        {identity ? `Your role (${identity.role}) does not include ` : 'You do not have access to '}
        {view ? view.label : 'this page'}.
      </p>
      <p>
        <Link href={identity ? homeFor(identity.role) : '/signin'}>{identity ? 'Go to your dashboard' : 'Sign in'}</Link>
      </p>
    </section>
  );
}
