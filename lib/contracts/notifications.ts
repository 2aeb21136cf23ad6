import { z } from 'zod';

import { epochMs, idSchema } from './common';

/**
 * `alerts.notifications`, keyed by alertId: one record per alert per attempt to deliver a
 * notification. The records of one delivery share `notificationId`; the `sent` ones are the
 * notifier's log (what each receiver already knows), so a restarted or newly assigned sender
 * neither forgets nor repeats a notification.
 */
export const notificationAttemptSchema = z.object({
  alertId: idSchema,
  notificationId: z.string().min(1).max(128),
  /** The alert group: route, receiver and the group_by label values. */
  groupKey: z.string().min(1).max(2_000),
  receiver: z.string().min(1).max(200),
  /** `webhook`, `email`, `slack` or `sns`, with its index in the receiver: `email[0]`. */
  integration: z.string().min(1).max(64),
  /** Where it went, with credentials, tokens and query strings redacted. */
  target: z.string().max(500),
  /** What this notification said about the alert. */
  status: z.enum(['firing', 'resolved']),
  attempt: z.number().int().positive(),
  outcome: z.enum(['sent', 'failed', 'retrying']),
  error: z.string().max(1_000).optional(),
  at: epochMs,
});
export type NotificationAttempt = z.infer<typeof notificationAttemptSchema>;
