import { vehicleHistoryQuerySchema } from '@/lib/api/queries';
import { errorResponse, jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  const minutes = new URL(request.url).searchParams.get('minutes') ?? undefined;
  const query = vehicleHistoryQuerySchema.safeParse({ id, minutes });
  if (!query.success) return errorResponse(400, 'invalid_request', query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return withRuntime((runtime) => {
    const points = runtime.vehicleHistory(query.data.id, query.data.minutes);
    if (!points) return errorResponse(404, 'not_found', `No vehicle ${query.data.id}`);
    return jsonResponse({ vehicleId: query.data.id, points });
  });
}
