import { jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

export function GET(): Promise<Response> {
  return withRuntime((runtime) => jsonResponse(runtime.fleetSnapshot()));
}
