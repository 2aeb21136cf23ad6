import type { z } from 'zod';

import { isReplayError } from '../fleet/replay-service';
import { isJsonBytes } from '../fleet/replay-worker-protocol';
import type { ReplayCallOptions } from '../fleet/replay-worker-protocol';
import type { BffRuntime } from '../runtime';

import { acceptsDeflate } from './body-encoding';
import { errorResponse, jsonBytesResponse, jsonResponse, withRuntime } from './responses';

/**
 * The time-travel routes in one shape: the query (and the path's parameters) checked against its
 * contract, the replay run with the request's abort signal (a viewer who leaves stops the Kafka
 * read), and a replay's refusals (outside retention, busy, too large) answered with their own
 * status and code. A run that answers with a Response (a download) is sent as it is, and one
 * that answers with JSON serialized and encoded on the replay worker is sent without parsing it
 * again, deflated there when the client accepts it.
 */
export function replayRoute<S extends z.ZodType>(
  request: Request,
  schema: S,
  run: (runtime: BffRuntime, query: z.output<S>, call: Required<ReplayCallOptions>) => Promise<unknown>,
  pathParams: Record<string, string> = {},
): Promise<Response> {
  const query = schema.safeParse({ ...Object.fromEntries(new URL(request.url).searchParams), ...pathParams });
  if (!query.success)
    return Promise.resolve(errorResponse(400, 'invalid_request', query.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`).join('; ')));
  return withRuntime(async (runtime) => {
    try {
      const body = await run(runtime, query.data, { signal: request.signal, encoding: acceptsDeflate(request) ? 'deflate' : 'identity' });
      if (body instanceof Response) return body;
      return isJsonBytes(body) ? jsonBytesResponse(body.pieces, 200, body.encoding) : jsonResponse(body);
    } catch (error) {
      if (isReplayError(error)) return errorResponse(error.status, error.code, error.message);
      throw error;
    }
  });
}
