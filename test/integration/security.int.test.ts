import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { AlertPush, AlertsResponse } from '../../lib/api/alerts';
import type { Alert } from '../../lib/contracts/alerts';
import { TOPICS } from '../../lib/contracts/topics';
import { hashPassword, hashToken } from '../../server/auth/passwords';
import { TEST_PORTS } from '../support/ports';
import { signInOverHttp } from '../support/session';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, nextEvent, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';

/**
 * Issue 17's findings 1–7, each attack replayed against a BFF run as deployed (no demo mode:
 * users, tokens, secret and PUBLIC_URL from settings) and now refused.
 */
const PASSWORD = 'correct horse battery';
const OPS_TOKEN = `ops-${randomBytes(16).toString('hex')}`;
const CAP_TOKEN = `cap-${randomBytes(16).toString('hex')}`;
const METRICS_TOKEN = `metrics-${randomBytes(16).toString('hex')}`;
const USERS = ['fleet:fleet', 'security:security', 'ann:fleet', 'bob:fleet'].map((entry) => `${entry}:${hashPassword(PASSWORD)}`).join(',');

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  ms: number;
}

/** One HTTP request from a chosen loopback address (127.0.0.x), so each test is its own client for the per-address limits. */
function raw(
  url: string,
  options: { method?: string; path: string; headers?: Record<string, string | number>; body?: string | Buffer[]; localAddress?: string; holdOpen?: boolean },
): Promise<RawAnswer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? 'POST',
        path: options.path,
        headers: options.headers,
        localAddress: options.localAddress,
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body, ms: performance.now() - started }));
      },
    );
    // A request cut off by the server (413 mid-body) may fail to send its rest: the answer is what counts.
    req.on('error', (error) => (options.holdOpen ? undefined : reject(error)));
    req.flushHeaders();
    if (typeof options.body === 'string') req.write(options.body);
    else for (const chunk of options.body ?? []) req.write(chunk);
    if (!options.holdOpen) req.end();
  });
}

describe('security hardening (issue 17), production mode', () => {
  const publicUrl = `http://127.0.0.1:${TEST_PORTS.security}`;
  const outside = new KafkaClient({ clientId: 'security-test', brokers: [inject('brokers')], logLevel: logLevel.NOTHING });
  let csrf: { token: string; cookie: string };
  const sockets: TestSocket[] = [];

  const env = {
    DEMO_MODE: 'false',
    PUBLIC_URL: publicUrl,
    AUTH_SECRET: randomBytes(33).toString('base64'),
    AUTH_USERS: USERS,
    AUTH_API_TOKENS: `ops:admin:${hashToken(OPS_TOKEN)},cap:fleet:${hashToken(CAP_TOKEN)}`,
    METRICS_TOKEN,
    WRITES_PER_MINUTE: '20',
    ALERT_ACTIONS_MAX: '5',
    ALERT_NOTE_MAX_CHARS: '100',
    SILENCE_MAX_HOURS: '24',
    SOCKET_CONNECTIONS_PER_USER: '3',
    SOCKET_EVENTS_PER_SECOND: '5',
  };
  const stack = new TestStack({
    brokers: inject('brokers'),
    bffPort: TEST_PORTS.security,
    logName: 'integration-security',
    cabs: 1,
    tankers: 0,
    pipeline: false,
    env,
  });

  beforeAll(async () => {
    await stack.start();
    const response = await fetch(`${stack.url}/api/auth/csrf`);
    csrf = {
      token: ((await response.json()) as { csrfToken: string }).csrfToken,
      cookie: response.headers
        .getSetCookie()
        .map((cookie) => cookie.split(';', 1)[0])
        .join('; '),
    };
  });
  afterAll(async () => {
    sockets.forEach((socket) => socket.close());
    await stack.stop();
  });

  const asOps = (route: string, init: RequestInit = {}) => stack.fetch(route, init, OPS_TOKEN);
  const credentials = (path: string, username: string, password: string, localAddress: string) =>
    raw(stack.url, {
      path,
      localAddress,
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrf.cookie, origin: stack.url },
      body: new URLSearchParams({ csrfToken: csrf.token, username, password, json: 'true' }).toString(),
    });

  describe('1. sign-in rate limit', () => {
    it('counts /api/auth/%63allback/credentials as the sign-in it is: 429 once the address used its attempts', async () => {
      const address = '127.0.0.11';
      const answers = [];
      for (let attempt = 0; attempt < 10; attempt += 1)
        answers.push((await credentials('/api/auth/%63allback/credentials', `nobody${attempt}`, 'wrong', address)).status);
      expect(answers.every((status) => status !== 429)).toBe(true);
      expect((await credentials('/api/auth/callback/credentials', 'fleet', PASSWORD, address)).status).toBe(429);
      expect((await credentials('/api/auth/%63allback/credentials', 'fleet', PASSWORD, address)).status).toBe(429);
      expect((await credentials('/api//auth/./callback/credentials', 'fleet', PASSWORD, address)).status).toBe(429);
    });

    it('limits every POST /api/auth/*, not only the callback', async () => {
      const address = '127.0.0.12';
      for (let attempt = 0; attempt < 10; attempt += 1)
        await raw(stack.url, {
          path: '/api/auth/signin/credentials',
          localAddress: address,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: '',
        });
      expect((await raw(stack.url, { path: '/api/auth/signout', localAddress: address, body: '' })).status).toBe(429);
    });

    it('limits guesses at one username from many addresses: the right password is refused once it is used up', async () => {
      for (let attempt = 0; attempt < 12; attempt += 1)
        await credentials('/api/auth/callback/credentials', 'ann', `wrong-${attempt}`, `127.0.0.${20 + (attempt % 3)}`);
      const right = await credentials('/api/auth/callback/credentials', 'ann', PASSWORD, '127.0.0.23');
      expect(right.status).toBe(401);
      expect(String(right.headers.location ?? right.body)).toContain('rate_limited');
      expect(String(right.headers['set-cookie'] ?? '')).not.toContain('session-token');
    });

    it('takes as long for an unknown user as for a wrong password, so timing does not tell which names exist', async () => {
      // The fastest of several answers: a busy machine only ever adds time, so the minimum shows
      // the work each answer does (a password hash, about 30 ms, or none) where a median of a few
      // answers swung by 2x with the Flink lane starting beside it. The order alternates, so
      // neither side always follows the other. Both stay under the 10 attempts per user and address.
      const known: number[] = [];
      const unknown: number[] = [];
      const tryKnown = async (attempt: number) => known.push((await credentials('/api/auth/callback/credentials', 'bob', `wrong-${attempt}`, '127.0.0.30')).ms);
      const tryUnknown = async (attempt: number) =>
        unknown.push((await credentials('/api/auth/callback/credentials', `ghost-${attempt}`, 'wrong', '127.0.0.31')).ms);
      for (let attempt = 0; attempt < 8; attempt += 1) {
        const [first, second] = attempt % 2 === 0 ? [tryKnown, tryUnknown] : [tryUnknown, tryKnown];
        await first(attempt);
        await second(attempt);
      }
      expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.6);
    });
  });

  describe('2. bounded requests', () => {
    it('answers 413 to a declared 200 MB body on an auth route before reading it, and health stays quick', async () => {
      const big = raw(stack.url, {
        path: '/api/auth/callback/credentials',
        localAddress: '127.0.0.40',
        headers: { 'content-length': 200 * 1024 * 1024 },
        holdOpen: true,
      });
      expect((await big).status).toBe(413);
      const health = await raw(stack.url, { method: 'GET', path: '/api/health' });
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(1_000);
    });

    it('answers 413 to a streamed (chunked) body once it passes 64 KB, on an API route', async () => {
      const chunks = Array.from({ length: 8 }, () => Buffer.alloc(16 * 1024, 'a'));
      const answer = await raw(stack.url, {
        path: '/api/alerts/silences',
        headers: { 'transfer-encoding': 'chunked', authorization: `Bearer ${OPS_TOKEN}`, 'content-type': 'application/json' },
        body: chunks,
        holdOpen: true,
      });
      expect(answer.status).toBe(413);
    });
  });

  describe('3. no open redirect', () => {
    it('hands the sign-in form only a same-origin callback', async () => {
      const page = await stack.fetch('/signin?callbackUrl=/%5Cexample.invalid/phish', {}, null);
      expect(page.status).toBe(200);
      // The form's prop, in the page's RSC payload: home, not the other host.
      expect(await page.text()).toMatch(/\\"callbackUrl\\":\\"\/\\",/);
    });
  });

  describe('4. Socket.IO checks Origin', () => {
    let fleetCookie: string;
    beforeAll(async () => {
      fleetCookie = await signInOverHttp(stack.url, 'fleet', PASSWORD);
    });

    it('refuses a cookie handshake from a page on another port of the same site, or with an empty Origin', async () => {
      const otherPort = new URL(stack.url);
      otherPort.port = String(Number(otherPort.port) + 1);
      await expect(connectSocket(stack.url, null, fleetCookie, otherPort.origin)).rejects.toThrow('cross_origin');
      await expect(connectSocket(stack.url, null, fleetCookie, '')).rejects.toThrow('cross_origin');
      const own = await connectSocket(stack.url, null, fleetCookie);
      sockets.push(own);
      expect(await subscribe(own, 'fleet')).toEqual({ ok: true });
      own.close();
    });

    it("compares a cookie request's Origin with PUBLIC_URL, not with the Host header the client sends", async () => {
      const forged = await raw(stack.url, {
        path: '/api/alerts/silences',
        headers: { cookie: fleetCookie, origin: 'http://evil.example', host: 'evil.example', 'content-type': 'application/json' },
        body: '{}',
      });
      expect(forged.status).toBe(403);
      expect(forged.body).toContain('csrf');
    });
  });

  describe('5. sessions that end', () => {
    it('signing out disconnects the open socket at once and the old cookie stops working', async () => {
      const cookie = await signInOverHttp(stack.url, 'security', PASSWORD);
      const socket = await connectSocket(stack.url, null, cookie);
      sockets.push(socket);
      expect(await subscribe(socket, 'zones')).toEqual({ ok: true });
      const disconnected = new Promise<number>((resolve) => socket.once('disconnect', () => resolve(Date.now())));
      const tokenAnswer = await fetch(`${stack.url}/api/auth/csrf`, { headers: { cookie } });
      const { csrfToken } = (await tokenAnswer.json()) as { csrfToken: string };
      const signedOutAt = Date.now();
      const signOut = await fetch(`${stack.url}/api/auth/signout`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, origin: stack.url, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ csrfToken, json: 'true' }),
      });
      expect(signOut.status).toBeLessThan(400);
      expect((await disconnected) - signedOutAt).toBeLessThan(2_000);
      expect((await stack.fetch('/api/zones/occupancy', { headers: { cookie } }, null)).status).toBe(401);
      await expect(connectSocket(stack.url, null, cookie)).rejects.toThrow('unauthorized');
    });
  });

  describe('6. no authenticated flooding', () => {
    const alertId = `anomaly.flood-test.${Date.now()}`;
    beforeAll(async () => {
      const alert: Alert = {
        alertId,
        kind: 'anomaly',
        team: 'fleet',
        vehicleId: 'cab-0001',
        metric: 'engineTempC',
        value: 120,
        normal: { min: 80, max: 100 },
        startedAt: Date.now(),
        detectedAt: Date.now(),
        severity: 'critical',
        state: 'firing',
      };
      const producer = outside.producer();
      await producer.connect();
      await producer.send({ topic: TOPICS.anomalies, messages: [{ key: alertId, value: JSON.stringify(alert) }] });
      await producer.disconnect();
      const deadline = Date.now() + 20_000;
      while (!((await (await asOps('/api/alerts')).json()) as AlertsResponse).alerts.some((view) => view.alert.alertId === alertId)) {
        if (Date.now() > deadline) throw new Error(`alert ${alertId} did not reach the BFF; see ${stack.logPath}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    });

    it('pushes only the new trail entry, refuses a long note, and caps actions per alert with 429', async () => {
      const socket = await connectSocket(stack.url, OPS_TOKEN);
      sockets.push(socket);
      await subscribe(socket, 'alerts');
      const note = (text: string) =>
        asOps(`/api/alerts/${alertId}/actions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ action: 'note', note: text }),
        });
      expect((await note('x'.repeat(101))).status).toBe(400);
      const pushed = nextEvent(socket, 'alert:upsert', 5_000, (push) => push.alert.alertId === alertId && push.added.length > 0);
      expect((await note('first')).status).toBe(200);
      const push: AlertPush = await pushed;
      expect(push.added).toEqual([expect.objectContaining({ type: 'action', note: 'first' })]);
      expect(push).not.toHaveProperty('audit');
      expect(push.auditTotal).toBe(2);
      for (let index = 0; index < 4; index += 1) expect((await note(`note ${index}`)).status).toBe(200);
      const capped = await note('one too many');
      expect(capped.status).toBe(429);
      expect(((await capped.json()) as { error: { code: string } }).error.code).toBe('too_many_actions');
    });

    it('answers 429 to a user flooding state-changing routes', async () => {
      const cookie = await signInOverHttp(stack.url, 'bob', PASSWORD);
      const statuses: number[] = [];
      for (let index = 0; index < 25; index += 1) {
        const response = await stack.fetch(
          `/api/alerts/no-such-alert-${index}/actions`,
          { method: 'POST', headers: { cookie, origin: stack.url, 'content-type': 'application/json' }, body: JSON.stringify({ action: 'ack' }) },
          null,
        );
        statuses.push(response.status);
      }
      expect(statuses.slice(0, 20).every((status) => status === 404)).toBe(true);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    });

    it('caps silence duration and shows each team only its own silences', async () => {
      const silence = (expiresAt: number) =>
        asOps('/api/alerts/silences', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ team: 'security', reason: 'drill in the hall', expiresAt }),
        });
      expect((await silence(Number.MAX_SAFE_INTEGER)).status).toBe(400);
      expect((await silence(Date.now() + 25 * 3_600_000)).status).toBe(400);
      expect((await silence(Date.now() + 3_600_000)).status).toBe(201);
      const fleetCookie = await signInOverHttp(stack.url, 'fleet', PASSWORD);
      const asFleet = (await (await stack.fetch('/api/alerts/silences', { headers: { cookie: fleetCookie } }, null)).json()) as { silences: unknown[] };
      expect(asFleet.silences).toEqual([]);
      const asAdmin = (await (await asOps('/api/alerts/silences')).json()) as { silences: { team: string }[] };
      expect(asAdmin.silences.map((item) => item.team)).toContain('security');
    });

    it('caps socket connections per user and keys socket rate limits by user, not by connection', async () => {
      const mine = [await connectSocket(stack.url, CAP_TOKEN), await connectSocket(stack.url, CAP_TOKEN), await connectSocket(stack.url, CAP_TOKEN)];
      sockets.push(...mine);
      await expect(connectSocket(stack.url, CAP_TOKEN)).rejects.toThrow('too_many_connections');
      const [first, second] = mine as [TestSocket, TestSocket, TestSocket];
      const firstAnswers = await Promise.all(Array.from({ length: 10 }, () => subscribe(first, 'fleet')));
      expect(firstAnswers.every((answer) => 'ok' in answer)).toBe(true);
      expect(await subscribe(second, 'fleet')).toEqual({ error: expect.objectContaining({ code: 'rate_limited' }) });
      mine.forEach((socket) => socket.close());
    });
  });

  describe('7. safe defaults outside the demo', () => {
    it('requires the metrics token for /metrics', async () => {
      expect((await stack.fetch('/metrics', {}, null)).status).toBe(401);
      expect((await stack.fetch('/metrics', {}, 'not-the-token')).status).toBe(401);
      expect((await stack.fetch('/metrics', {}, METRICS_TOKEN)).status).toBe(200);
    });

    it('tells an anonymous caller of /api/health only up or down; a token gets the details', async () => {
      expect(Object.keys((await (await stack.fetch('/api/health', {}, null)).json()) as object)).toEqual(['status']);
      expect((await (await asOps('/api/health')).json()) as object).toHaveProperty('kafka');
      expect((await (await stack.fetch('/api/health', {}, METRICS_TOKEN)).json()) as object).toHaveProperty('kafka');
    });
  });
});
