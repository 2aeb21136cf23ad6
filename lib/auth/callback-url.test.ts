import { describe, expect, it } from 'vitest';

import { sameOriginPath } from './callback-url';

const ORIGIN = 'https://fleet.example';

describe('sameOriginPath', () => {
  it('keeps paths of this site', () => {
    expect(sameOriginPath('/alerts?status=open#x', ORIGIN)).toBe('/alerts?status=open#x');
    expect(sameOriginPath('https://fleet.example/lag', ORIGIN)).toBe('/lag');
  });

  it('sends every other destination home, however it is spelled', () => {
    for (const value of [
      '/\\example.invalid/phish',
      '//example.invalid',
      'https://example.invalid/',
      '\\\\example.invalid',
      'javascript:alert(1)',
      'https://fleet.example.invalid/',
      '/\t/example.invalid',
      undefined,
      ['/a'],
    ]) {
      expect(sameOriginPath(value, ORIGIN)).toBe('/');
    }
  });

  it('returns a path that resolves to this origin again', () => {
    for (const value of ['/%5Cexample.invalid/phish', '/./\\example.invalid', '/..//example.invalid']) {
      expect(new URL(sameOriginPath(value, ORIGIN), ORIGIN).origin).toBe(ORIGIN);
    }
  });
});
