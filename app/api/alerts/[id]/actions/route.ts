import { actionRequestSchema } from '@/lib/api/alerts';
import { idSchema } from '@/lib/contracts/common';
import { parseBody, withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

const ACTION_ERROR_STATUS: Partial<Record<string, number>> = { not_found: 404, invalid_request: 400, too_many_actions: 429 };

/** `POST /api/alerts/:id/actions` `{action, assignee?, until?, note?}`: answers with the alert as it stands after the action. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) return errorResponse(400, 'invalid_request', 'id: not an alert id');
  const body = await parseBody(request, actionRequestSchema);
  if (!body.ok) return body.response;
  return withIdentity(async (runtime, identity) => {
    const result = await runtime.alerts.act(identity, id, body.value);
    if (result.error) return errorResponse(ACTION_ERROR_STATUS[result.error.code] ?? 503, result.error.code, result.error.message);
    return jsonResponse(result);
  });
}
