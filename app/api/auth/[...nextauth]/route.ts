import NextAuth from 'next-auth';

import { buildAuthOptions } from '@/server/auth/auth-options';
import { getConfig } from '@/server/config';

export const dynamic = 'force-dynamic';

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;
let handler: Handler | undefined;

/** Built on first request, not at import: `next build` imports this module without the runtime settings. */
function authHandler(): Handler {
  handler ??= NextAuth(buildAuthOptions(getConfig().auth)) as Handler;
  return handler;
}

export function GET(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return authHandler()(request, context);
}

export function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  return authHandler()(request, context);
}
