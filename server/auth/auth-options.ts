import { randomUUID } from 'node:crypto';

import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';

import type { Role } from '@/lib/auth/roles';
import { roleSchema } from '@/lib/auth/roles';

import type { AuthConfig } from '../config';

import { hashPassword, verifyPassword } from './passwords';
import { RateLimiter } from './rate-limiter';

/**
 * Auth.js (next-auth) options: local users from configuration and, where configured, an OpenID
 * Connect provider. Sessions are JWTs in an httpOnly, SameSite=Lax cookie (Secure behind https)
 * carrying the user's name and role, which the server's gate and the Socket.IO handshake read.
 */
export function buildAuthOptions(auth: AuthConfig): AuthOptions {
  const providers: AuthOptions['providers'] = [localUsersProvider(auth)];
  if (auth.oidc) providers.push(oidcProvider(auth.oidc));
  return {
    secret: auth.secret,
    providers,
    session: { strategy: 'jwt', maxAge: Math.ceil(auth.sessionMaxMs / 1000) },
    useSecureCookies: auth.publicUrl.startsWith('https://'),
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      jwt: ({ token, user, account }) => {
        if (user) {
          // A sign-in: this session's id (what signing out revokes), its start and where its role came from.
          const role = (user as { role?: Role }).role;
          if (role) token.role = role;
          token.sid = randomUUID();
          token.authAt = Date.now();
          token.provider = account?.provider ?? 'credentials';
          return token;
        }
        // A renewal (e.g. `GET /api/auth/session`) keeps the start: past the lifetime the cookie is cleared instead.
        if (typeof token.authAt !== 'number' || Date.now() - token.authAt >= auth.sessionMaxMs) throw new Error('session ended');
        return token;
      },
      session: ({ session, token }) => ({ ...session, user: { name: token.name, role: token.role } }),
    },
  };
}

/**
 * Unknown users are checked against this hash too, so a wrong name costs as long as a wrong
 * password and the answer's timing does not tell which names exist.
 */
let dummyHash: string | undefined;

function localUsersProvider(auth: AuthConfig) {
  // Per username, because guessing one account's password from many addresses passes a per-address limit.
  const perUser = new RateLimiter(auth.signInAttemptsPerMinute, auth.signInAttemptsPerMinute / 60);
  dummyHash ??= hashPassword('no such user');
  const fallbackHash = dummyHash;
  return CredentialsProvider({
    id: 'credentials',
    name: 'Username and password',
    credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
    authorize: (credentials) => {
      const username = typeof credentials?.username === 'string' ? credentials.username : '';
      const password = typeof credentials?.password === 'string' ? credentials.password : '';
      if (username.length > 128 || password.length > 1024) return null;
      // next-auth answers a thrown error with 401 and `error=rate_limited`, which the sign-in form shows.
      if (!perUser.take(username.toLowerCase())) throw new Error('rate_limited');
      const user = auth.users.find((candidate) => candidate.name === username);
      const matches = verifyPassword(password, user?.passwordHash ?? fallbackHash);
      return user && matches ? { id: user.name, name: user.name, role: user.role } : null;
    },
  });
}

/** The identity provider decides the role through a claim (a string or a list); unknown values get no access. */
export function roleFromClaim(claim: unknown): Role | undefined {
  const values = Array.isArray(claim) ? claim : [claim];
  const roles = values.map((value) => roleSchema.safeParse(value)).flatMap((parsed) => (parsed.success ? [parsed.data] : []));
  return roles.includes('admin') ? 'admin' : roles[0];
}

function oidcProvider(oidc: NonNullable<AuthConfig['oidc']>): OAuthConfig<Record<string, unknown>> {
  return {
    id: 'oidc',
    name: oidc.displayName,
    type: 'oauth',
    wellKnown: `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    authorization: { params: { scope: 'openid profile email' } },
    idToken: true,
    checks: ['pkce', 'state'],
    profile: (profile) => ({
      id: String(profile.sub),
      name: String(profile.preferred_username ?? profile.name ?? profile.email ?? profile.sub),
      role: roleFromClaim(profile[oidc.roleClaim]),
    }),
  };
}
