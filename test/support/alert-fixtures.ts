import type { AlertView } from '../../lib/api/alerts';
import type { Alert } from '../../lib/contracts/alerts';

/** An alert as the inbox holds it right after it arrived: nobody has touched it yet. */
export function untouchedView(alert: Alert, status: AlertView['status'] = 'open', subject = 'x'): AlertView {
  return {
    alert,
    status,
    subject,
    assignee: null,
    snoozedUntil: null,
    silencedBy: null,
    acknowledged: null,
    resolved: null,
    firstDetectedAt: alert.detectedAt,
    audit: [],
    auditTotal: 0,
    revision: 1,
  };
}
