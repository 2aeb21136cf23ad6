import type { Notification } from '../payload';

/** What a send needs beyond the notification: the driver's phone number for `to_driver`. */
export interface SendContext {
  driverPhone(vehicleId: string): string | undefined;
}

/** One delivery channel of a receiver (`email[0]`, `webhook[1]`): Alertmanager's "integration". */
export interface Integration {
  /** `webhook[0]`, unique within its receiver. */
  id: string;
  kind: 'webhook' | 'email' | 'slack' | 'sns';
  /** Where it sends, redacted: safe for logs, pages and the trail. */
  target: string;
  sendResolved: boolean;
  /** Throws on failure with a message safe to show (no secrets). */
  send(notification: Notification, context: SendContext): Promise<void>;
}

/** A failure no retry can mend (the driver has no phone number): the attempt is the last. */
export class PermanentError extends Error {}

/** POSTs JSON; anything but a 2xx is an error naming the status, never the URL. */
export async function postJson(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'fleetwatch-notifier' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  await response.arrayBuffer();
}
