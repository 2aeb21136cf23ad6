import { withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** The simulator's street network (GeoJSON) for the fleet map's own base; fixed for the BFF's life. */
export function GET(): Promise<Response> {
  return withRuntime((runtime) => Response.json(runtime.streetMap(), { headers: { 'cache-control': 'private, max-age=3600' } }));
}
