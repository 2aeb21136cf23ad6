import { idSchema } from '@/lib/contracts/common';
import { withIdentity } from '@/server/http/alert-routes';
import { errorResponse, jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `DELETE /api/alerts/silences/:id`: lifts a silence before its expiry (kept in the topic as its audit trail). */
export async function DELETE(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  if (!idSchema.safeParse(id).success) return errorResponse(400, 'invalid_request', 'id: not a silence id');
  return withIdentity(async (runtime, identity) => {
    const result = await runtime.alerts.liftSilence(identity, id);
    return 'error' in result ? errorResponse(result.error.status, result.error.code, result.error.message) : jsonResponse(result);
  });
}
