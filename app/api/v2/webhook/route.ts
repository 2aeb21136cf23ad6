import { acceptAlerts } from '@/server/http/inbound-routes';
import { webhookBodySchema } from '@/server/notify/inbound';

export const dynamic = 'force-dynamic';

/** `POST /api/v2/webhook`: a webhook receiver URL for another Alertmanager or Grafana (webhook payload, version 4). */
export function POST(request: Request): Promise<Response> {
  return acceptAlerts(request, webhookBodySchema, (body) => body.alerts, 'webhook');
}
