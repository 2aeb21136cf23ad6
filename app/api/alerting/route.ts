import { withIdentity } from '@/server/http/alert-routes';
import { jsonResponse } from '@/server/http/responses';

export const dynamic = 'force-dynamic';

/** `GET /api/alerting`: receivers (redacted targets), routes, inhibit rules and the last attempts; `{enabled: false}` without ALERTING_CONFIG. */
export function GET(): Promise<Response> {
  return withIdentity((runtime) =>
    jsonResponse(runtime.alerting?.overview() ?? { enabled: false, receivers: [], routes: [], inhibitRules: [], recentAttempts: [] }),
  );
}
