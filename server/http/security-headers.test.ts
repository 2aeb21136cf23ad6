import type { IncomingMessage, ServerResponse } from 'node:http';

import { describe, expect, it } from 'vitest';

import { applySecurityHeaders } from './security-headers';

function headersFor(https: boolean): Record<string, string> {
  const set: Record<string, string> = {};
  const response = { setHeader: (name: string, value: string) => (set[name.toLowerCase()] = value) } as unknown as ServerResponse;
  applySecurityHeaders({ headers: {} } as IncomingMessage, response, { dev: false, https });
  return set;
}

describe('applySecurityHeaders', () => {
  it('sends HSTS only when PUBLIC_URL is https', () => {
    expect(headersFor(true)['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(headersFor(false)['strict-transport-security']).toBeUndefined();
    expect(headersFor(false)['x-frame-options']).toBe('DENY');
  });
});
