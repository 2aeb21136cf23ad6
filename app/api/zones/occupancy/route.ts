import { zonesQuerySchema } from '@/lib/api/zones';
import { errorResponse, jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> | Response {
  const windows = new URL(request.url).searchParams.get('windows') ?? undefined;
  const query = zonesQuerySchema.safeParse({ windows });
  if (!query.success) return errorResponse(400, 'invalid_request', query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return withRuntime((runtime) => jsonResponse(runtime.zonesOccupancy(query.data.windows)));
}
