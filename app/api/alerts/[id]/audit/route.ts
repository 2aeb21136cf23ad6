import { auditPageQuerySchema } from '@/lib/api/alerts';
import { idSchema } from '@/lib/contracts/common';
import { describeIssues, withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `GET /api/alerts/:id/audit?before=&limit=`: earlier entries of an alert's trail than a view carries, a page at a time. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) return errorResponse(400, 'invalid_request', 'id: not an alert id');
  const query = auditPageQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return errorResponse(400, 'invalid_request', describeIssues(query.error.issues));
  return withIdentity((runtime, identity) => {
    const page = runtime.alerts.auditPage(identity, id, query.data.before, query.data.limit);
    return page ? jsonResponse(page) : errorResponse(404, 'not_found', `No alert ${id} in your teams' inbox.`);
  });
}
