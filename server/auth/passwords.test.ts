import { describe, expect, it } from 'vitest';

import { findToken, hashPassword, hashToken, isPasswordHash, verifyPassword } from './passwords';

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
  const entries = [
    { name: 'demo-admin', tokenHash: hashToken('demo-admin-token') },
    { name: 'not-hex', tokenHash: 'not-hex' },
  ];

  it('match by their SHA-256 only', () => {
    expect(findToken('demo-admin-token', entries)?.name).toBe('demo-admin');
    expect(findToken('demo-admin-tokeN', entries)).toBeUndefined();
    expect(findToken('not-hex', entries)).toBeUndefined();
  });

  it('the first entry of a hash listed twice wins', () => {
    const twice = [...entries, { name: 'second', tokenHash: hashToken('demo-admin-token').toUpperCase() }];
    expect(findToken('demo-admin-token', twice)?.name).toBe('demo-admin');
  });

  // 5,000 sockets rechecked against 1,000 tokens hashed the presented token 2.5 million times
  // (seconds of a blocked event loop every SESSION_RECHECK_S); once per lookup, it is milliseconds.
  it('cost one hash per lookup, however many tokens are configured', () => {
    const many = Array.from({ length: 1_000 }, (_, i) => ({ name: `client-${i}`, tokenHash: hashToken(`token-${i}`) }));
    findToken('warm-up', many);
    const started = performance.now();
    for (let socket = 0; socket < 5_000; socket += 1) expect(findToken(`token-${socket % 1_000}`, many)?.name).toBe(`client-${socket % 1_000}`);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
