import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { homeFor, mayUse, ruleForPath } from '@/lib/auth/access';
import type { Identity } from '@/lib/auth/roles';
import type { Logger } from '@/platform/logger';

import type { AuthConfig } from '../config';
import { normalizePath } from '../http/normalize-path';
import { httpRejections } from '../metrics';

import { HEALTH_DETAILS_HEADER, IDENTITY_HEADER, bearerToken, encodeIdentity, identify } from './identity';
import { RateLimiter } from './rate-limiter';
import type { RevokedSessions } from './sessions';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every HTTP request passes here before Next.js sees it: one place decides who is asking and
 * whether they may, for pages and API routes alike, so no route can forget to check. Every
 * decision is made on the normalised path (what the router will route to), never the raw one.
 * Returns true when it answered the request itself (redirect, 400, 401, 403, 429).
 */
export function createGate(auth: AuthConfig, revoked: RevokedSessions, logger: Logger) {
  // Sign-in attempts per client address, because password guessing is the attack that matters here.
  const signInLimiter = new RateLimiter(auth.signInAttemptsPerMinute, auth.signInAttemptsPerMinute / 60);
  // Writes per user, because a signed-in user can flood the shared inbox and its Kafka topics.
  const writeLimiter = new RateLimiter(auth.writesPerMinute, auth.writesPerMinute / 60);
  const origin = new URL(auth.publicUrl).origin;

  async function passIdentity(request: IncomingMessage): Promise<void> {
    const { identity } = await identify(request.headers, auth, revoked);
    if (identity) request.headers[IDENTITY_HEADER] = encodeIdentity(identity);
  }

  return async function gate(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    delete request.headers[IDENTITY_HEADER];
    delete request.headers[HEALTH_DETAILS_HEADER];
    const url = new URL(request.url ?? '/', origin);
    const pathname = normalizePath(url.pathname);
    if (pathname === undefined) return reject(response, 400, 'invalid_request', 'The path is not valid percent-encoding.');
    const method = request.method ?? 'GET';
    if (!SAFE_METHODS.has(method) && isUnder(pathname.toLowerCase(), '/api/auth')) return authWrite(request, response, method, pathname);
    const rule = ruleForPath(pathname);
    if (rule.kind === 'open') {
      if (pathname === '/api/health' || pathname === '/api/health/ready') {
        if (await mayReadHealth(request)) request.headers[HEALTH_DETAILS_HEADER] = '1';
        return false;
      }
      // Open pages (sign-in, no-access) still show who is signed in; assets skip the lookup.
      if (!pathname.startsWith('/_next/') && !pathname.startsWith('/api/')) await passIdentity(request);
      return false;
    }
    if (rule.kind === 'metrics') {
      if (auth.demoMode && !auth.metricsToken) return false;
      if (metricsTokenMatches(request)) return false;
      return reject(
        response,
        401,
        'unauthorized',
        auth.metricsToken ? 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.' : 'Metrics are off: set METRICS_TOKEN to read them.',
      );
    }
    const result = await identify(request.headers, auth, revoked);
    if (!result.identity) {
      if (result.problem === 'invalid_token') return reject(response, 401, 'invalid_token', 'The bearer token is not valid.');
      if (rule.api) return reject(response, 401, 'unauthorized', 'Sign in or send an API token (`Authorization: Bearer <token>`).');
      return redirect(response, `/signin?callbackUrl=${encodeURIComponent(pathname + url.search)}`);
    }
    const identity = result.identity;
    if (rule.kind === 'view' && !mayUse(identity.role, rule.view)) {
      if (rule.api) return reject(response, 403, 'forbidden', `Role ${identity.role} may not use ${rule.view.label}.`);
      return redirect(response, `/forbidden?from=${encodeURIComponent(pathname)}`);
    }
    if (!SAFE_METHODS.has(method)) {
      if (identity.via === 'session' && !sameOrigin(request, origin)) {
        logger.warn({ path: pathname, origin: request.headers.origin }, 'refused a cross-site request');
        return reject(response, 403, 'csrf', 'Cross-site request refused: the request did not come from this site.');
      }
      if (!writeLimiter.take(userKey(identity)))
        return reject(response, 429, 'rate_limited', `At most ${auth.writesPerMinute} changes per minute; wait a moment.`);
    }
    if (pathname === '/') return redirect(response, homeFor(identity.role));
    request.headers[IDENTITY_HEADER] = encodeIdentity(identity);
    return false;
  };

  /**
   * `POST /api/auth/*` (sign-in, callbacks, sign-out): limited per client address whatever the
   * spelling of the path. Signing out also revokes the session at once, when the request comes
   * from our own pages (a cross-site page must not end someone's session).
   */
  async function authWrite(request: IncomingMessage, response: ServerResponse, method: string, pathname: string): Promise<boolean> {
    if (!signInLimiter.take(clientAddress(request))) return reject(response, 429, 'rate_limited', 'Too many sign-in attempts; wait a minute and try again.');
    if (method === 'POST' && pathname === '/api/auth/signout' && sameOrigin(request, origin)) {
      const { session } = await identify(request.headers, auth, revoked);
      if (session) {
        revoked.revoke(session.sid, session.authAt + auth.sessionMaxMs);
        logger.info({ user: session.name }, 'signed out: session revoked');
      }
    }
    return false;
  }

  /** Health details (brokers, streams, dead letters) for machine clients: an API token or the metrics token. */
  async function mayReadHealth(request: IncomingMessage): Promise<boolean> {
    if (bearerToken(request.headers.authorization) === undefined) return false;
    if (metricsTokenMatches(request)) return true;
    return (await identify(request.headers, auth, revoked)).identity?.via === 'token';
  }

  function metricsTokenMatches(request: IncomingMessage): boolean {
    const sent = bearerToken(request.headers.authorization);
    return auth.metricsToken !== undefined && sent !== undefined && constantTimeEqual(sent, auth.metricsToken);
  }
}

/** Compares digests, so neither the length nor the first differing byte shows in the timing. */
function constantTimeEqual(a: string, b: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function userKey(identity: Identity): string {
  return `${identity.via}:${identity.name}`;
}

function isUnder(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

/**
 * Session cookies travel with cross-site requests too; a state-changing request must prove it
 * comes from our own pages by its Origin (or, failing that, Referer), compared with the
 * configured PUBLIC_URL: the Host header is the client's word and proves nothing. Token clients
 * are exempt: a browser never attaches a bearer token on its own.
 */
export function sameOrigin(request: IncomingMessage, origin: string): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (!claimed) return false;
  try {
    return new URL(claimed).origin === origin;
  } catch {
    return false;
  }
}

function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown';
}

function reject(response: ServerResponse, status: number, code: string, message: string): true {
  httpRejections.inc({ code });
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  response.end(JSON.stringify({ error: { code, message } }));
  return true;
}

function redirect(response: ServerResponse, location: string): true {
  response.writeHead(302, { location, 'cache-control': 'no-store' });
  response.end();
  return true;
}
