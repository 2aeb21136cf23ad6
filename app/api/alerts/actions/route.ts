import { bulkActionRequestSchema } from '@/lib/api/alerts';
import { parseBody, withIdentity } from '@/server/http/alert-routes';
import { jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `POST /api/alerts/actions` `{alertIds, request}`: one action on many alerts; each gets its own result. */
export async function POST(request: Request): Promise<Response> {
  const body = await parseBody(request, bulkActionRequestSchema);
  if (!body.ok) return body.response;
  return withIdentity(async (runtime, identity) =>
    jsonResponse({ results: await runtime.alerts.actOnMany(identity, body.value.alertIds, body.value.request) }),
  );
}
