import { withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** Prometheus text: message, rejection and client counts, event-loop delay. */
export function GET(): Promise<Response> {
  return withRuntime(async (runtime) => {
    const { contentType, body } = await runtime.metrics();
    return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
  });
}
