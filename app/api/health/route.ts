import { jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return withRuntime(async (runtime) => {
    const health = await runtime.health();
    return jsonResponse(health, health.status === 'ok' ? 200 : 503);
  });
}
