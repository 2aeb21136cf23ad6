import { alertsQuerySchema } from '@/lib/api/alerts';
import { describeIssues, withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `GET /api/alerts?status=&team=&q=&severity=&fleet=&vehicle=&from=&to=`: the caller's teams' alerts, newest first. */
export function GET(request: Request): Promise<Response> | Response {
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const query = alertsQuerySchema.safeParse(params);
  if (!query.success) return errorResponse(400, 'invalid_request', describeIssues(query.error.issues));
  return withIdentity((runtime, identity) => jsonResponse(runtime.alerts.list(query.data, identity)));
}
