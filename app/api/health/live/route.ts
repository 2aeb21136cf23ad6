import { jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** Liveness, the way Kubernetes probes it: the process answers. Nothing else is asked, so a lost Kafka never restarts it. */
export function GET(): Response {
  return jsonResponse({ status: 'live' });
}
