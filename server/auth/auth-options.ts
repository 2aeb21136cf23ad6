import type { AuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';

import type { Role } from '@/lib/auth/roles';
import { roleSchema } from '@/lib/auth/roles';

import type { AuthConfig } from '../config';

import { verifyPassword } from './passwords';

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
    session: { strategy: 'jwt', maxAge: 12 * 3600 },
    useSecureCookies: auth.publicUrl.startsWith('https://'),
    pages: { signIn: '/signin', error: '/signin' },
    callbacks: {
      jwt: ({ token, user }) => {
        const role = (user as { role?: Role } | undefined)?.role;
        if (role) token.role = role;
        return token;
      },
      session: ({ session, token }) => ({ ...session, user: { name: token.name, role: token.role } }),
    },
  };
}

function localUsersProvider(auth: AuthConfig) {
  return CredentialsProvider({
    id: 'credentials',
    name: 'Username and password',
    credentials: { username: { label: 'Username', type: 'text' }, password: { label: 'Password', type: 'password' } },
    authorize: (credentials) => {
      const username = typeof credentials?.username === 'string' ? credentials.username : '';
      const password = typeof credentials?.password === 'string' ? credentials.password : '';
      const user = auth.users.find((candidate) => candidate.name === username);
      if (!user || password.length > 1024 || !verifyPassword(password, user.passwordHash)) return null;
      return { id: user.name, name: user.name, role: user.role };
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
