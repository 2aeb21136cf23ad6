import { replaySceneQuerySchema } from '@/lib/contracts/replay';
import { replayRoute } from '@/server/http/replay-routes';

export const dynamic = 'force-dynamic';

/** `GET /api/fleet/replay?at=<ISO>`: the fleet as it was at that moment. */
export function GET(request: Request): Promise<Response> {
  return replayRoute(request, replaySceneQuerySchema, (runtime, query, call) => runtime.replay.scene(query.at, call));
}
