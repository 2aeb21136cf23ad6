import { headers } from 'next/headers';

import type { Identity } from '@/lib/auth/roles';

import { IDENTITY_HEADER, decodeIdentity } from './identity';

/** Who is looking at the page being rendered, as the server's gate established it. */
export async function currentIdentity(): Promise<Identity | undefined> {
  return decodeIdentity((await headers()).get(IDENTITY_HEADER));
}
