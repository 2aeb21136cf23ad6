import type { z } from 'zod';

import type { PostableAlert } from '../notify/inbound';

import { parseBody, withIdentity } from './alert-routes';
import { errorResponse, jsonResponse } from './responses';

/**
 * The inbound routes' common frame: machine clients only (an API token, as Alertmanager's own
 * clients send), a body in one of Alertmanager's shapes, and the alerts into the inbox.
 */
export function acceptAlerts<S extends z.ZodType>(
  request: Request,
  schema: S,
  alertsOf: (body: z.output<S>) => PostableAlert[],
  source: string,
): Promise<Response> {
  return withIdentity(async (runtime, identity) => {
    if (identity.via !== 'token')
      return errorResponse(
        401,
        'unauthorized',
        'Send an API token (`Authorization: Bearer <token>`): this route is for Prometheus, Grafana and other machines.',
      );
    const body = await parseBody(request, schema);
    if (!body.ok) return body.response;
    const result = await runtime.inbound.accept(identity, `${source}:${identity.name}`.slice(0, 64), alertsOf(body.value));
    if (!result.ok) return errorResponse(result.status, result.code, result.message);
    return jsonResponse({ accepted: result.alerts }, 200);
  });
}
