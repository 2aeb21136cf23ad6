import type { Trip, TripFormat } from '@/lib/contracts/trip';
import { tripQuerySchema } from '@/lib/contracts/trip';
import { tripCsv, tripFileName, tripGeoJson } from '@/lib/fleet/trip-export';
import { replayRoute } from '@/server/http/replay-routes';

export const dynamic = 'force-dynamic';

/** A download of the trip: the same points and stops as the JSON, as a file named after the vehicle and period. */
function download(trip: Trip, format: Exclude<TripFormat, 'json'>): Response {
  const body = format === 'csv' ? tripCsv(trip) : JSON.stringify(tripGeoJson(trip));
  const type = format === 'csv' ? 'text/csv; charset=utf-8' : 'application/geo+json';
  return new Response(body, {
    headers: { 'content-type': type, 'content-disposition': `attachment; filename="${tripFileName(trip, format)}"`, 'cache-control': 'no-store' },
  });
}

/** `GET /api/fleet/vehicles/:id/trip?from=&to=&format=json|csv|geojson`: the vehicle's trip history, read from Kafka by time. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const { id } = await params;
  return replayRoute(
    request,
    tripQuerySchema,
    async (runtime, query, { signal }) => {
      const trip = await runtime.replay.trip(query.id, query, signal);
      return query.format === 'json' ? trip : download(trip, query.format);
    },
    { id },
  );
}
