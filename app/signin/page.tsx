import type { Metadata } from 'next';

import { SignInForm } from '@/components/auth/sign-in-form';
import { sameOriginPath } from '@/lib/auth/callback-url';
import { getConfig } from '@/server/config';

export const metadata: Metadata = { title: 'Sign in · Fleetwatch' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  const { auth } = getConfig();
  // Only this site's own pages are followed after sign-in, never another site's URL.
  return <SignInForm callbackUrl={sameOriginPath(callbackUrl, auth.publicUrl)} oidcName={auth.oidc?.displayName} />;
}
