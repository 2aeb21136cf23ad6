import { getRuntime } from '../runtime';
import type { BffRuntime } from '../runtime';

/** Every 4xx/5xx body: `{error: {code, message}}`, one shape for every route. */
export function errorResponse(status: number, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status, headers: { 'cache-control': 'no-store' } });
}

export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store' } });
}

/** Bytes per write of a body encoded elsewhere: the socket takes it a piece at a time, as it drains. */
const BODY_CHUNK_BYTES = 512 * 1024;

/**
 * A JSON body serialized and encoded elsewhere (the replay worker), sent as it is, a chunk at a
 * time as the socket asks for more: a 27 MB answer costs the event loop no encoding.
 */
export function jsonBytesResponse(bytes: Uint8Array, status = 200, chunkBytes = BODY_CHUNK_BYTES): Response {
  let offset = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.subarray(offset, offset + chunkBytes));
      offset += chunkBytes;
    },
  });
  return new Response(body, { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' } });
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
