import { silenceRequestSchema } from '@/lib/api/alerts';
import { parseBody, withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `GET /api/alerts/silences`: the silences in force of the caller's teams. */
export function GET(): Promise<Response> {
  return withIdentity((runtime, identity) => jsonResponse({ silences: runtime.alerts.list({ limit: 1 }, identity).silences }));
}

/** `POST /api/alerts/silences` `{team, fleet?, vehicleId?, metric?, reason, expiresAt}`. */
export async function POST(request: Request): Promise<Response> {
  const body = await parseBody(request, silenceRequestSchema);
  if (!body.ok) return body.response;
  return withIdentity(async (runtime, identity) => {
    const result = await runtime.alerts.createSilence(identity, body.value);
    return 'error' in result ? errorResponse(result.error.status, result.error.code, result.error.message) : jsonResponse(result, 201);
  });
}
