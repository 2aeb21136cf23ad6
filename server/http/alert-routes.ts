import type { z } from 'zod';

import type { Identity } from '@/lib/auth/roles';

import { currentIdentity } from '../auth/current-identity';
import type { BffRuntime } from '../runtime';

import { errorResponse, withRuntime } from './responses';

/** The alert routes' common frame: the live BFF and the identity the gate established (never the body's word). */
export function withIdentity(handler: (runtime: BffRuntime, identity: Identity) => Promise<Response> | Response): Promise<Response> {
  return withRuntime(async (runtime) => {
    const identity = await currentIdentity();
    if (!identity) return errorResponse(401, 'unauthorized', 'Sign in or send an API token (`Authorization: Bearer <token>`).');
    return handler(runtime, identity);
  });
}

/** A JSON body checked against its schema: the value, or the 400 to answer with. */
export async function parseBody<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<{ ok: true; value: z.output<S> } | { ok: false; response: Response }> {
  let json: unknown;
  try {
    json = await request.json();
  } catch {
    return { ok: false, response: errorResponse(400, 'invalid_request', 'The body must be JSON.') };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, response: errorResponse(400, 'invalid_request', describeIssues(parsed.error.issues)) };
}

export function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${issue.path.map(String).join('.') || 'body'}: ${issue.message}`)
    .join('; ');
}
