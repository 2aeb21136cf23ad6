import { acceptAlerts } from '@/server/http/inbound-routes';
import { postableAlertsSchema } from '@/server/notify/inbound';

export const dynamic = 'force-dynamic';

/** `POST /api/v2/alerts`: Alertmanager's API v2 body (an array of `{labels, annotations, startsAt, endsAt, generatorURL}`). */
export function POST(request: Request): Promise<Response> {
  return acceptAlerts(request, postableAlertsSchema, (alerts) => alerts, 'api');
}
