import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Security headers on every response. Scripts run only with this request's nonce (Next.js reads
 * it from the request's CSP header and stamps its inline scripts with it); styles allow inline
 * because chart libraries position elements with style attributes.
 */
export function applySecurityHeaders(request: IncomingMessage, response: ServerResponse, options: { dev: boolean; https: boolean; mapOrigin?: string }): void {
  const { dev, mapOrigin } = options;
  const nonce = randomBytes(16).toString('base64');
  // The map style's own origin (FLEET_MAP_STYLE_URL) serves its tiles, glyphs and sprites: exactly that one is allowed.
  const map = mapOrigin ? ` ${mapOrigin}` : '';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // MapLibre draws in web workers loaded from this site (/api/fleet/map-worker).
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `img-src 'self' data: blob:${map}`,
    "font-src 'self' data:",
    `connect-src 'self' ws: wss:${map}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  request.headers['content-security-policy'] = csp;
  response.setHeader('Content-Security-Policy', csp);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'same-origin');
  response.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=()');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // Served over https (PUBLIC_URL says so): browsers must never fall back to plain http for this host.
  if (options.https) response.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

/** The origin the content security policy must allow for a map style URL; none for a path on this site. */
export function mapStyleOrigin(styleUrl: string | undefined): string | undefined {
  return styleUrl && /^https?:/.test(styleUrl) ? new URL(styleUrl).origin : undefined;
}
