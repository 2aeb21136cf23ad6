import { describe, expect, it } from 'vitest';

import { roleFromClaim } from './auth-options';

describe('roleFromClaim', () => {
  it('takes a role from a string or a list, admin first', () => {
    expect(roleFromClaim('fleet')).toBe('fleet');
    expect(roleFromClaim(['security', 'admin'])).toBe('admin');
    expect(roleFromClaim(['staff', 'platform'])).toBe('platform');
  });

  it('gives no role for unknown or missing claims', () => {
    expect(roleFromClaim(undefined)).toBeUndefined();
    expect(roleFromClaim(['staff'])).toBeUndefined();
    expect(roleFromClaim(42)).toBeUndefined();
  });
});
