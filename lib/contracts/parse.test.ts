import { describe, expect, it } from 'vitest';

import { rawTelemetrySchema } from './fleet';
import { parseMessage, rejectionKind } from './parse';
import { purchaseSchema } from './sales';

describe('parseMessage', () => {
  it('returns a reason instead of throwing for every kind of bad input', () => {
    expect(parseMessage(rawTelemetrySchema, null)).toEqual({ ok: false, reason: 'empty: message has no value' });
    const notJson = parseMessage(rawTelemetrySchema, Buffer.from('{oops'));
    expect(notJson.ok).toBe(false);
    expect(!notJson.ok && rejectionKind(notJson.reason)).toBe('not-json');
    const wrongShape = parseMessage(rawTelemetrySchema, JSON.stringify({ vehicleId: 'cab-1', fleet: 'bikes' }));
    expect(!wrongShape.ok && wrongShape.reason).toMatch(/^contract: fleet: /);
  });

  it("accepts the MSK Data Generator's string numbers and turns them into numbers", () => {
    const parsed = parseMessage(
      purchaseSchema,
      JSON.stringify({ book_id: 'b', bookstore_id: 's', customer: 'jdoe', quantity: '3', unit_price: '42', timestamp: 'Sun Nov 22 14:03:27 UTC 2026' }),
    );
    expect(parsed).toMatchObject({ ok: true, value: { quantity: 3, unit_price: 42 } });
  });

  it('rejects a quantity that is not a number', () => {
    const parsed = parseMessage(
      purchaseSchema,
      JSON.stringify({ book_id: 'b', bookstore_id: 's', customer: 'c', quantity: 'three', unit_price: '1', timestamp: 1 }),
    );
    expect(parsed.ok).toBe(false);
  });
});
