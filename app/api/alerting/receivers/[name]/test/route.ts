import { withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `POST /api/alerting/receivers/:name/test`: one test notification to every integration of the receiver, results inline. */
export async function POST(_request: Request, context: { params: Promise<{ name: string }> }): Promise<Response> {
  const { name } = await context.params;
  return withIdentity(async (runtime, identity) => {
    if (!runtime.alerting) return errorResponse(404, 'not_found', 'Notifications are off (ALERTING_CONFIG is not set).');
    const results = await runtime.alerting.sendTest(name, identity.name);
    if (!results) return errorResponse(404, 'not_found', `No receiver named ${name}.`);
    return jsonResponse({ receiver: name, results });
  });
}
