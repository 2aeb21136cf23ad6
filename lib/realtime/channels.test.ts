import { describe, expect, it } from 'vitest';

import { channelSchema, subscriptionRequestSchema } from './channels';

describe('channelSchema', () => {
  it('accepts the named channels and vehicle:<id>', () => {
    for (const channel of ['fleet', 'alerts', 'sales', 'lag', 'zones', 'vehicle:cab-0001']) expect(channelSchema.safeParse(channel).success).toBe(true);
  });

  it('refuses unknown names, empty or malformed ids and ids over 128 characters', () => {
    for (const channel of ['fleets', 'vehicle:', 'vehicle:has spaces', `vehicle:${'x'.repeat(129)}`, 42, null]) {
      expect(channelSchema.safeParse(channel).success).toBe(false);
    }
  });

  it('refuses requests with extra fields', () => {
    expect(subscriptionRequestSchema.safeParse({ channel: 'fleet', extra: 1 }).success).toBe(false);
  });
});
