import { headers } from 'next/headers';

import { HEALTH_DETAILS_HEADER } from '@/server/auth/identity';
import { jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/**
 * Readiness (200 or 503): Kafka answers, every stream consumes, the jobs run. Anyone gets
 * `{ready}`; machine clients with a token also get each rule and why it fails, as for `/api/health`.
 */
export function GET(): Promise<Response> {
  return withRuntime(async (runtime) => {
    const result = runtime.ready();
    const details = (await headers()).get(HEALTH_DETAILS_HEADER) === '1';
    return jsonResponse(details ? result : { ready: result.ready }, result.ready ? 200 : 503);
  });
}
