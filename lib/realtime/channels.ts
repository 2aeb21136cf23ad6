import { z } from 'zod';

import { idSchema } from '../contracts/common';

/** Channels a client may subscribe to; `vehicle:<id>` carries one vehicle's live detail. */
// A template literal schema would check only the id's pattern, not its length: spelled out instead.
const vehicleChannelSchema = z.custom<`vehicle:${string}`>(
  (value) => typeof value === 'string' && value.startsWith('vehicle:') && idSchema.safeParse(value.slice('vehicle:'.length)).success,
  'a channel name (fleet, alerts, sales, lag, zones) or vehicle:<id>',
);
export const channelSchema = z.union([z.enum(['fleet', 'alerts', 'sales', 'lag', 'zones']), vehicleChannelSchema]);
export type Channel = z.infer<typeof channelSchema>;

export const subscriptionRequestSchema = z.object({ channel: channelSchema }).strict();
export type SubscriptionRequest = z.infer<typeof subscriptionRequestSchema>;

export const apiErrorSchema = z.object({ code: z.string(), message: z.string() });
export type ApiError = z.infer<typeof apiErrorSchema>;

/** What every `subscribe` / `unsubscribe` acknowledgement receives. */
export type SubscriptionAck = { ok: true } | { error: ApiError };

export function channelKind(channel: Channel): string {
  return channel.startsWith('vehicle:') ? 'vehicle' : channel;
}
