import { jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** Every watched consumer group's summary (role platform or admin; checked by the gate). */
export function GET(): Promise<Response> {
  return withRuntime((runtime) => jsonResponse(runtime.lagSummaries()));
}
