import { replayTimelineQuerySchema } from '@/lib/contracts/replay';
import { replayRoute } from '@/server/http/replay-routes';

export const dynamic = 'force-dynamic';

/** `GET /api/fleet/replay/timeline?from=&until=&buckets=`: records and alerts per bucket, where data is missing. */
export function GET(request: Request): Promise<Response> {
  return replayRoute(request, replayTimelineQuerySchema, (runtime, query, call) => runtime.replay.timeline(query.from, query.until, query.buckets, call));
}
