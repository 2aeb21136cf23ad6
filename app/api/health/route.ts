import { headers } from 'next/headers';

import { HEALTH_DETAILS_HEADER } from '@/server/auth/identity';
import { jsonResponse, withRuntime } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/**
 * Up or down for anyone (load balancers); brokers, streams and dead letters only for machine
 * clients with a token (the gate decides and says so in a header of its own).
 */
export function GET(): Promise<Response> {
  return withRuntime(async (runtime) => {
    const health = await runtime.health();
    const code = health.status === 'ok' ? 200 : 503;
    const details = (await headers()).get(HEALTH_DETAILS_HEADER) === '1';
    return jsonResponse(details ? health : { status: health.status }, code);
  });
}
