import { replayStepsQuerySchema } from '@/lib/contracts/replay';
import { replayRoute } from '@/server/http/replay-routes';

export const dynamic = 'force-dynamic';

/** `GET /api/fleet/replay/steps?from=&until=&stepMs=`: what changed after `from`, per step, for playback. */
export function GET(request: Request): Promise<Response> {
  return replayRoute(request, replayStepsQuerySchema, (runtime, query, call) => runtime.replay.steps(query.from, query.until, query.stepMs, call));
}
