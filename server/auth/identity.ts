import type { IncomingHttpHeaders } from 'node:http';

import { getToken } from 'next-auth/jwt';

import type { Identity } from '@/lib/auth/roles';
import { identitySchema } from '@/lib/auth/roles';

import type { AuthConfig } from '../config';

import { findToken } from './passwords';
import type { RevokedSessions, SessionClaims } from './sessions';
import { sessionClaimsSchema } from './sessions';

/** The header through which the server tells Next.js route handlers and pages who is asking. */
export const IDENTITY_HEADER = 'x-fleetwatch-identity';
/** Set by the gate (never by a client: it deletes any sent) when `GET /api/health` may show its details. */
export const HEALTH_DETAILS_HEADER = 'x-fleetwatch-health-details';

export type IdentityProblem = 'invalid_token' | 'session_ended';
export type IdentityResult =
  { identity: Identity; session?: SessionClaims; problem?: undefined } | { identity: undefined; session?: undefined; problem?: IdentityProblem };

/**
 * Who sent a request: an API token (`Authorization: Bearer`, or Socket.IO's `auth.token`) or a
 * session cookie. A session is checked again on every call, not trusted for what it says: it must
 * not be revoked or past its absolute lifetime, and a local user must still exist, with the role
 * the configuration gives them now (a downgrade takes effect at once).
 */
export async function identify(headers: IncomingHttpHeaders, auth: AuthConfig, revoked: RevokedSessions, handshakeToken?: unknown): Promise<IdentityResult> {
  const bearer = bearerToken(headers.authorization) ?? (typeof handshakeToken === 'string' ? handshakeToken : undefined);
  if (bearer !== undefined) {
    const match = findToken(bearer, auth.apiTokens);
    return match ? { identity: { name: match.name, role: match.role, via: 'token' } } : { identity: undefined, problem: 'invalid_token' };
  }
  const token = await getToken({
    req: { headers, cookies: parseCookies(headers.cookie) } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: auth.secret,
    secureCookie: auth.publicUrl.startsWith('https://'),
  }).catch(() => null);
  if (!token) return { identity: undefined };
  const claims = sessionClaimsSchema.safeParse(token);
  if (!claims.success) return { identity: undefined, problem: 'session_ended' };
  const role = currentRole(claims.data, auth, revoked);
  if (!role) return { identity: undefined, problem: 'session_ended' };
  const identity = identitySchema.safeParse({ name: claims.data.name, role, via: 'session' });
  return identity.success ? { identity: identity.data, session: claims.data } : { identity: undefined };
}

/** The role a session has now, or undefined when the session has ended. */
function currentRole(session: SessionClaims, auth: AuthConfig, revoked: RevokedSessions): Identity['role'] | undefined {
  if (Date.now() - session.authAt >= auth.sessionMaxMs || revoked.has(session.sid)) return undefined;
  // Local users are re-read from the configuration; an identity provider's role holds until the lifetime ends.
  if (session.provider === 'credentials') return auth.users.find((user) => user.name === session.name)?.role;
  return session.role;
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
