import type { Metadata } from 'next';

import { SignInForm } from '@/components/auth/sign-in-form';
import { getConfig } from '@/server/config';

export const metadata: Metadata = { title: 'Sign in · Fleetwatch' };
export const dynamic = 'force-dynamic';

/** Only same-site paths are followed after sign-in, never another site's URL. */
function safeCallback(value: string | string[] | undefined): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { callbackUrl } = await searchParams;
  return <SignInForm callbackUrl={safeCallback(callbackUrl)} oidcName={getConfig().auth.oidc?.displayName} />;
}
