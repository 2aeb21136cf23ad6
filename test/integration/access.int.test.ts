import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { Role } from '../../lib/auth/roles';
import { TEST_PORTS } from '../support/ports';
import { signInOverHttp } from '../support/session';
import { connectSocket, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';

type Who = Role | 'nobody';
const EVERYONE: Who[] = ['nobody', 'fleet', 'security', 'platform', 'admin'];

/**
 * The role matrix of the README, written out here independently of lib/auth/access.ts, so a
 * change to either that does not match the other fails this test.
 */
const PAGES: { path: string; allowed: Who[] }[] = [
  { path: '/fleet', allowed: ['fleet', 'admin'] },
  { path: '/alerts', allowed: ['fleet', 'security', 'platform', 'admin'] },
  { path: '/sales', allowed: ['admin'] },
  { path: '/lag', allowed: ['platform', 'admin'] },
  { path: '/concentration', allowed: ['security', 'admin'] },
  { path: '/alerting', allowed: ['admin'] },
];
const API: { path: string; allowed: Who[] }[] = [
  { path: '/api/health', allowed: EVERYONE },
  { path: '/metrics', allowed: EVERYONE },
  { path: '/api/fleet/vehicles', allowed: ['fleet', 'admin'] },
  { path: '/api/fleet/vehicles/cab-0001/history?minutes=5', allowed: ['fleet', 'admin'] },
  { path: '/api/alerts', allowed: ['fleet', 'security', 'platform', 'admin'] },
  { path: '/api/sales/per-minute', allowed: ['admin'] },
  { path: '/api/lag', allowed: ['platform', 'admin'] },
  { path: '/api/zones/occupancy', allowed: ['security', 'admin'] },
  { path: '/api/alerting', allowed: ['admin'] },
];
const CHANNELS: { channel: string; allowed: Who[] }[] = [
  { channel: 'fleet', allowed: ['fleet', 'admin'] },
  { channel: 'vehicle:cab-0001', allowed: ['fleet', 'admin'] },
  { channel: 'alerts', allowed: ['fleet', 'security', 'platform', 'admin'] },
  { channel: 'sales', allowed: ['admin'] },
  { channel: 'lag', allowed: ['platform', 'admin'] },
  { channel: 'zones', allowed: ['security', 'admin'] },
];

describe('access control: every page, API route and channel for no user and each role', () => {
  const stack = new TestStack({ brokers: inject('brokers'), bffPort: TEST_PORTS.access, logName: 'integration-access', cabs: 1, tankers: 0, pipeline: false });
  const cookies = new Map<Who, string>();

  beforeAll(async () => {
    await stack.start();
    for (const role of ['fleet', 'security', 'platform', 'admin'] as const) cookies.set(role, await signInOverHttp(stack.url, role, 'demo'));
  });
  afterAll(() => stack.stop());

  const asWho = (who: Who, path: string) => stack.fetch(path, { headers: who === 'nobody' ? {} : { cookie: cookies.get(who) ?? '' } }, null);

  for (const { path, allowed } of PAGES) {
    for (const who of EVERYONE) {
      const expected = allowed.includes(who) ? 'allowed' : who === 'nobody' ? 'sent to sign in' : 'sent to no-access';
      it(`page ${path} for ${who}: ${expected}`, async () => {
        const response = await asWho(who, path);
        const location = response.headers.get('location') ?? '';
        if (expected === 'allowed') {
          // Allowed means the page itself answers: 200, or 404 for a view not built yet; never a redirect away.
          expect([200, 404]).toContain(response.status);
        } else if (expected === 'sent to sign in') {
          expect(response.status).toBe(302);
          expect(location).toBe(`/signin?callbackUrl=${encodeURIComponent(path)}`);
        } else {
          expect(response.status).toBe(302);
          expect(location).toBe(`/forbidden?from=${encodeURIComponent(path)}`);
        }
      });
    }
  }

  for (const { path, allowed } of API) {
    for (const who of EVERYONE) {
      const expected = allowed.includes(who) ? 'allowed' : who === 'nobody' ? 401 : 403;
      it(`route ${path} for ${who}: ${expected}`, async () => {
        const response = await asWho(who, path);
        if (expected === 'allowed') {
          expect(response.status).not.toBe(401);
          expect(response.status).not.toBe(403);
          expect(response.status).not.toBe(302);
        } else {
          expect(response.status).toBe(expected);
          expect(await response.json()).toMatchObject({ error: { code: expected === 401 ? 'unauthorized' : 'forbidden' } });
        }
      });
    }
  }

  for (const { channel, allowed } of CHANNELS) {
    for (const who of EVERYONE.filter((candidate) => candidate !== 'nobody')) {
      const allowedHere = allowed.includes(who);
      it(`channel ${channel} for ${who}: ${allowedHere ? 'allowed' : 'forbidden'}`, async () => {
        const socket = await connectSocket(stack.url, null, cookies.get(who));
        try {
          const ack = await subscribe(socket, channel);
          if (allowedHere) expect(ack).toEqual({ ok: true });
          else expect(ack).toMatchObject({ error: { code: 'forbidden' } });
        } finally {
          socket.disconnect();
        }
      });
    }
  }

  it('refuses a Socket.IO connection with no credentials or a wrong token', async () => {
    await expect(connectSocket(stack.url, null)).rejects.toThrow('unauthorized');
    await expect(connectSocket(stack.url, 'not-a-token')).rejects.toThrow('invalid_token');
  });

  it('accepts an API token as a bearer header, and refuses a wrong one with 401', async () => {
    expect((await stack.fetch('/api/fleet/vehicles')).status).toBe(200);
    const wrong = await stack.fetch('/api/fleet/vehicles', {}, 'wrong-token');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ error: { code: 'invalid_token' } });
  });

  it('refuses a state-changing request that carries the session cookie but comes from another site', async () => {
    const response = await stack.fetch(
      '/api/fleet/vehicles',
      { method: 'POST', headers: { cookie: cookies.get('admin') ?? '', origin: 'https://evil.example' } },
      null,
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: 'csrf' } });
  });

  it('sends security headers, a nonce-based content security policy among them', async () => {
    const response = await asWho('fleet', '/fleet');
    expect(response.headers.get('content-security-policy')).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('ignores an identity header forged by the client', async () => {
    const forged = Buffer.from(JSON.stringify({ name: 'mallory', role: 'admin', via: 'token' })).toString('base64url');
    const response = await stack.fetch('/api/fleet/vehicles', { headers: { 'x-fleetwatch-identity': forged } }, null);
    expect(response.status).toBe(401);
  });
});
