import { getRuntime } from '../runtime';
import type { BffRuntime } from '../runtime';

import { BODY_ENCODING_HEADER } from './body-encoding';
import type { BodyEncoding } from './body-encoding';

/** Every 4xx/5xx body: `{error: {code, message}}`, one shape for every route. */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/**
 * A JSON body serialized and encoded elsewhere (the replay worker), sent as it is, a piece at a
 * time as the socket asks for more: a 27 MB answer costs the event loop no encoding.
 */
export function jsonBytesResponse(pieces: readonly Uint8Array[], status = 200, encoding: BodyEncoding = 'identity'): Response {
  let next = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next];
      next += 1;
      if (piece === undefined) return controller.close();
      controller.enqueue(piece);
    },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json', 'cache-control': 'no-store', vary: 'accept-encoding' };
  if (encoding === 'deflate') headers[BODY_ENCODING_HEADER] = 'deflate';
  return new Response(body, { status, headers });
}

/** Runs a handler against the live BFF; while it is still starting the answer is a clear 503. */
export async function withRuntime(handler: (runtime: BffRuntime) => Promise<Response> | Response): Promise<Response> {
  const runtime = getRuntime();
  if (!runtime) return errorResponse(503, 'starting', 'The BFF is starting; try again in a moment.');
  try {
    return await handler(runtime);
  } catch (error) {
    console.error('route handler failed', error);
    return errorResponse(500, 'internal', 'Internal error; see the server log.');
  }
}
