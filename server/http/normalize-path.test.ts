import { describe, expect, it } from 'vitest';

import { normalizePath } from './normalize-path';

describe('normalizePath', () => {
  it('decodes and resolves the spellings that reach the same route', () => {
    expect(normalizePath('/api/auth/%63allback/credentials')).toBe('/api/auth/callback/credentials');
    expect(normalizePath('/api//auth/./callback/../callback/credentials')).toBe('/api/auth/callback/credentials');
    expect(normalizePath('/api/%66leet/vehicles')).toBe('/api/fleet/vehicles');
    expect(normalizePath('/api\\auth\\callback')).toBe('/api/auth/callback');
    expect(normalizePath('/../../etc')).toBe('/etc');
  });

  it('refuses malformed encodings', () => {
    expect(normalizePath('/api/%E0%A4%A')).toBeUndefined();
    expect(normalizePath('/api/%00')).toBeUndefined();
  });
});
