import type { IncomingMessage, ServerResponse } from 'node:http';

import { homeFor, mayUse, ruleForPath } from '@/lib/auth/access';
import type { Logger } from '@/platform/logger';

import type { AuthConfig } from '../config';
import { httpRejections } from '../metrics';

import { IDENTITY_HEADER, bearerToken, encodeIdentity, identify } from './identity';
import { RateLimiter } from './rate-limiter';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every HTTP request passes here before Next.js sees it: one place decides who is asking and
 * whether they may, for pages and API routes alike, so no route can forget to check.
 * Returns true when it answered the request itself (redirect, 401, 403, 429).
 */
export function createGate(auth: AuthConfig, logger: Logger) {
  // Sign-in attempts per client address, because password guessing is the attack that matters here.
  const signInLimiter = new RateLimiter(auth.signInAttemptsPerMinute, auth.signInAttemptsPerMinute / 60);
  const origin = new URL(auth.publicUrl).origin;

  async function passIdentity(request: IncomingMessage): Promise<void> {
    const { identity } = await identify(request.headers, auth);
    if (identity) request.headers[IDENTITY_HEADER] = encodeIdentity(identity);
  }

  return async function gate(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    delete request.headers[IDENTITY_HEADER];
    const url = new URL(request.url ?? '/', origin);
    const method = request.method ?? 'GET';

    if (method === 'POST' && url.pathname.startsWith('/api/auth/callback/') && !signInLimiter.take(clientAddress(request))) {
      return reject(response, 429, 'rate_limited', 'Too many sign-in attempts; wait a minute and try again.');
    }
    const rule = ruleForPath(url.pathname);
    if (rule.kind === 'open') {
      // Open pages (sign-in, no-access) still show who is signed in; assets and health skip the lookup.
      if (!url.pathname.startsWith('/_next/') && !url.pathname.startsWith('/api/')) await passIdentity(request);
      return false;
    }
    if (rule.kind === 'metrics') {
      if (!auth.metricsToken || bearerToken(request.headers.authorization) === auth.metricsToken) return false;
      return reject(response, 401, 'unauthorized', 'Metrics need `Authorization: Bearer <METRICS_TOKEN>`.');
    }

    const result = await identify(request.headers, auth);
    if (!result.identity) {
      if (result.problem === 'invalid_token') return reject(response, 401, 'invalid_token', 'The bearer token is not valid.');
      if (rule.api) return reject(response, 401, 'unauthorized', 'Sign in or send an API token (`Authorization: Bearer <token>`).');
      return redirect(response, `/signin?callbackUrl=${encodeURIComponent(url.pathname + url.search)}`);
    }
    const identity = result.identity;
    if (rule.kind === 'view' && !mayUse(identity.role, rule.view)) {
      if (rule.api) return reject(response, 403, 'forbidden', `Role ${identity.role} may not use ${rule.view.label}.`);
      return redirect(response, `/forbidden?from=${encodeURIComponent(url.pathname)}`);
    }
    if (!SAFE_METHODS.has(method) && identity.via === 'session' && !sameOrigin(request, origin)) {
      logger.warn({ path: url.pathname, origin: request.headers.origin }, 'refused a cross-site request');
      return reject(response, 403, 'csrf', 'Cross-site request refused: the request did not come from this site.');
    }
    if (url.pathname === '/') return redirect(response, homeFor(identity.role));
    request.headers[IDENTITY_HEADER] = encodeIdentity(identity);
    return false;
  };
}

/**
 * Session cookies travel with cross-site requests too; a state-changing request must prove it
 * comes from our own pages by its Origin (or, failing that, Referer). Token clients are exempt:
 * a browser never attaches a bearer token on its own.
 */
function sameOrigin(request: IncomingMessage, origin: string): boolean {
  const claimed = request.headers.origin ?? request.headers.referer;
  if (!claimed) return false;
  try {
    const claimedUrl = new URL(claimed);
    return claimedUrl.origin === origin || claimedUrl.host === request.headers.host;
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

