import type { IncomingHttpHeaders } from 'node:http';

import { getToken } from 'next-auth/jwt';

import type { Identity } from '@/lib/auth/roles';
import { identitySchema } from '@/lib/auth/roles';

import type { AuthConfig } from '../config';

import { tokenMatches } from './passwords';

/** The header through which the server tells Next.js route handlers and pages who is asking. */
export const IDENTITY_HEADER = 'x-fleetwatch-identity';

export type IdentityResult = { identity: Identity } | { identity: undefined; problem?: 'invalid_token' };

/** Who sent a request: an API token (`Authorization: Bearer`, or Socket.IO's `auth.token`) or a session cookie. */
export async function identify(headers: IncomingHttpHeaders, auth: AuthConfig, handshakeToken?: unknown): Promise<IdentityResult> {
  const bearer = bearerToken(headers.authorization) ?? (typeof handshakeToken === 'string' ? handshakeToken : undefined);
  if (bearer !== undefined) {
    const match = auth.apiTokens.find((token) => tokenMatches(bearer, token.tokenHash));
    return match ? { identity: { name: match.name, role: match.role, via: 'token' } } : { identity: undefined, problem: 'invalid_token' };
  }
  const session = await getToken({
    req: { headers, cookies: parseCookies(headers.cookie) } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: auth.secret,
    secureCookie: auth.publicUrl.startsWith('https://'),
  }).catch(() => null);
  const parsed = identitySchema.safeParse({ name: session?.name, role: session?.role, via: 'session' });
  return parsed.success ? { identity: parsed.data } : { identity: undefined };
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match?.[1];
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index <= 0) continue;
    const name = part.slice(0, index).trim();
    try {
      cookies[name] = decodeURIComponent(part.slice(index + 1).trim());
    } catch {
      // A cookie that is not valid percent-encoding is ignored, not an error for the whole request.
    }
  }
  return cookies;
}

export function encodeIdentity(identity: Identity): string {
  return Buffer.from(JSON.stringify(identity)).toString('base64url');
}

export function decodeIdentity(header: string | null | undefined): Identity | undefined {
  if (!header) return undefined;
  try {
    const parsed = identitySchema.safeParse(JSON.parse(Buffer.from(header, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
