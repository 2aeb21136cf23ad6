import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';

import { loadConfig } from '../config';

import { identify } from './identity';
import { hashPassword } from './passwords';
import { RevokedSessions } from './sessions';

const SECRET = 'x'.repeat(40);
const USERS = `ann:fleet:${hashPassword('pw')},bob:admin:${hashPassword('pw')}`;

function authWith(users = USERS, extra: Record<string, string> = {}) {
  return loadConfig({ AUTH_SECRET: SECRET, PUBLIC_URL: 'http://127.0.0.1:3000', AUTH_USERS: users, ...extra }).auth;
}

async function cookieFor(claims: Record<string, unknown>): Promise<{ cookie: string }> {
  const token = await encode({ token: claims, secret: SECRET });
  return { cookie: `next-auth.session-token=${token}` };
}

const session = (overrides: Record<string, unknown> = {}) => ({
  name: 'ann',
  role: 'fleet',
  sid: 's'.repeat(36),
  authAt: Date.now() - 1_000,
  provider: 'credentials',
  ...overrides,
});

describe('identify: a session is checked again on every request', () => {
  it('accepts a live session of a configured user', async () => {
    const result = await identify(await cookieFor(session()), authWith(), new RevokedSessions());
    expect(result.identity).toEqual({ name: 'ann', role: 'fleet', via: 'session' });
    expect(result.session?.sid).toBe('s'.repeat(36));
  });

  it('refuses a revoked session (signed out)', async () => {
    const revoked = new RevokedSessions();
    revoked.revoke('s'.repeat(36), Date.now() + 60_000);
    expect(await identify(await cookieFor(session()), authWith(), revoked)).toEqual({ identity: undefined, problem: 'session_ended' });
  });

  it('refuses a session past its absolute lifetime, however recently it was renewed', async () => {
    const auth = authWith(USERS, { SESSION_MAX_HOURS: '1' });
    expect((await identify(await cookieFor(session({ authAt: Date.now() - 3_600_001 })), auth, new RevokedSessions())).identity).toBeUndefined();
    expect((await identify(await cookieFor(session({ authAt: Date.now() - 3_500_000 })), auth, new RevokedSessions())).identity).toBeDefined();
  });

  it('refuses a session of a removed user and gives a downgraded user the new role at once', async () => {
    const admin = await cookieFor(session({ name: 'bob', role: 'admin' }));
    expect((await identify(admin, authWith(`ann:fleet:${hashPassword('pw')}`), new RevokedSessions())).problem).toBe('session_ended');
    expect((await identify(admin, authWith(`bob:platform:${hashPassword('pw')}`), new RevokedSessions())).identity?.role).toBe('platform');
  });

  it("keeps an identity provider's role, and refuses cookies issued before sessions had an id", async () => {
    expect(
      (await identify(await cookieFor(session({ name: 'carol', role: 'security', provider: 'oidc' })), authWith(), new RevokedSessions())).identity?.role,
    ).toBe('security');
    expect((await identify(await cookieFor({ name: 'ann', role: 'fleet' }), authWith(), new RevokedSessions())).problem).toBe('session_ended');
  });
});
