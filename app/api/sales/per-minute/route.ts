import { salesQuerySchema } from '@/lib/api/sales';
import { errorResponse, jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

export function GET(request: Request): Promise<Response> | Response {
  const minutes = new URL(request.url).searchParams.get('minutes') ?? undefined;
  const query = salesQuerySchema.safeParse({ minutes });
  if (!query.success) return errorResponse(400, 'invalid_request', query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  return withRuntime((runtime) => jsonResponse(runtime.salesPerMinute(query.data.minutes)));
}
