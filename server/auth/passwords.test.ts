import { describe, expect, it } from 'vitest';

import { hashPassword, hashToken, isPasswordHash, tokenMatches, verifyPassword } from './passwords';

describe('password hashes', () => {
  it('verify the right password only', () => {
    const stored = hashPassword('correct horse');
    expect(isPasswordHash(stored)).toBe(true);
    expect(verifyPassword('correct horse', stored)).toBe(true);
    expect(verifyPassword('correct horse ', stored)).toBe(false);
  });

  it('salt every hash, so equal passwords do not look equal', () => {
    expect(hashPassword('demo')).not.toBe(hashPassword('demo'));
  });

  it('reject malformed stored values instead of throwing', () => {
    expect(verifyPassword('x', 'plain-text')).toBe(false);
    expect(verifyPassword('x', 'scrypt$$')).toBe(false);
  });
});

describe('API tokens', () => {
  it('match by their SHA-256 only', () => {
    expect(tokenMatches('demo-admin-token', hashToken('demo-admin-token'))).toBe(true);
    expect(tokenMatches('demo-admin-tokeN', hashToken('demo-admin-token'))).toBe(false);
    expect(tokenMatches('x', 'not-hex')).toBe(false);
  });
});
