import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import { CookieJar } from '../support/cookie-jar';
import { deployedAuth } from '../support/deployed';
import type { OidcAccount } from '../support/oidc-issuer';
import { OidcIssuer } from '../support/oidc-issuer';
import { TEST_PORTS } from '../support/ports';
import { TestStack } from '../support/stack';

/**
 * Single sign-on end to end against a real OpenID provider on loopback: the authorization code
 * flow with PKCE, the ID token's role claim mapped to the product's role. The BFF is set up as
 * behind a TLS proxy (PUBLIC_URL https), so its cookies must be Secure; the test talks to it on
 * plain HTTP as the proxy would.
 */
describe('sign-in through an OpenID provider', () => {
  const brokers = inject('brokers');
  const publicUrl = `https://127.0.0.1:${TEST_PORTS.oidcBff}`;
  const httpUrl = `http://127.0.0.1:${TEST_PORTS.oidcBff}`;
  const client = { clientId: 'fleetwatch', clientSecret: 'a-client-secret-for-the-test', redirectUri: `${publicUrl}/api/auth/callback/oidc` };
  const issuer = new OidcIssuer(TEST_PORTS.oidcIssuer, client);
  let stack: TestStack;

  beforeAll(async () => {
    const operator = deployedAuth(publicUrl);
    const env = { ...operator.env, OIDC_ISSUER: issuer.issuer, OIDC_CLIENT_ID: client.clientId, OIDC_CLIENT_SECRET: client.clientSecret };
    stack = new TestStack({ brokers, bffPort: TEST_PORTS.oidcBff, logName: 'oidc', cabs: 0, tankers: 0, pipeline: false, env });
    await stack.start();
  });

  afterAll(async () => {
    await Promise.all([stack?.stop(), issuer.stop()]);
  });

  /** What a browser does from "Sign in with single sign-on" until the BFF sends it to a page. */
  async function signInWithProvider(account: OidcAccount): Promise<{ jar: CookieJar; landing: string; setCookies: string[] }> {
    issuer.signInAs(account);
    const jar = new CookieJar();
    const viaProxy = (url: string) => url.replace(publicUrl, httpUrl);
    const csrf = await jar.fetch(`${httpUrl}/api/auth/csrf`);
    const { csrfToken } = (await csrf.response.json()) as { csrfToken: string };
    const start = await jar.fetch(`${httpUrl}/api/auth/signin/oidc`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: publicUrl },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${publicUrl}/alerts`, json: 'true' }),
    });
    const setCookies = [...csrf.setCookies, ...start.setCookies];
    let next = ((await start.response.json()) as { url: string }).url;
    expect(next).toMatch(new RegExp(`^${issuer.issuer}/`));
    for (let hop = 0; hop < 12; hop += 1) {
      const { response, setCookies: set } = await jar.fetch(viaProxy(next));
      setCookies.push(...set);
      const location = response.headers.get('location');
      if (!location) throw new Error(`the flow stopped at ${next}: HTTP ${response.status} ${(await response.text()).slice(0, 300)}`);
      next = new URL(location, next).toString();
      if (next.startsWith(publicUrl) && !next.includes('/api/auth/')) return { jar, landing: next, setCookies };
    }
    throw new Error(`too many redirects, last ${next}`);
  }

  it('maps the role claim: a provider user with role "security" is signed in as security', async () => {
    const { jar, landing } = await signInWithProvider({ sub: 'idp-1', username: 'sam', roles: ['security'] });
    expect(landing).toBe(`${publicUrl}/alerts`);
    const session = await (await jar.fetch(`${httpUrl}/api/auth/session`)).response.json();
    expect(session).toMatchObject({ user: { name: 'sam', role: 'security' } });
    expect((await jar.fetch(`${httpUrl}/api/zones/occupancy`)).response.status).toBe(200);
    expect((await jar.fetch(`${httpUrl}/api/fleet/vehicles`)).response.status).toBe(403);
  });

  it('refuses a provider user whom the provider gave no role', async () => {
    const { jar } = await signInWithProvider({ sub: 'idp-2', username: 'nora' }).catch(() => ({ jar: new CookieJar() }));
    for (const route of ['/api/alerts', '/api/fleet/vehicles', '/api/zones/occupancy']) {
      expect([401, 403]).toContain((await jar.fetch(`${httpUrl}${route}`)).response.status);
    }
  });

  it('sets every session and sign-in cookie Secure under an https PUBLIC_URL', async () => {
    const { setCookies } = await signInWithProvider({ sub: 'idp-3', username: 'pat', roles: ['admin'] });
    const ours = setCookies.filter((line) => /next-auth/.test(line));
    expect(ours.some((line) => line.startsWith('__Secure-next-auth.session-token='))).toBe(true);
    for (const line of ours) expect(line, line).toMatch(/;\s*Secure/i);
  });
});
