import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

import type { HealthResponse } from '../../lib/api/health';
import { TEST_PORTS } from '../support/ports';
import { signInOverHttp } from '../support/session';
import type { TestSocket } from '../support/socket-client';
import { connectSocket, emitRaw, subscribe } from '../support/socket-client';
import { TestStack } from '../support/stack';

const MALFORMED_SOCKET_PAYLOADS: unknown[] = [
  null,
  42,
  'fleet',
  [],
  {},
  { channel: 7 },
  { channel: '' },
  { channel: 'vehicle:' },
  { channel: 'vehicle:has spaces' },
  { channel: `vehicle:${'x'.repeat(500)}` },
  { channel: 'no-such-channel' },
  { channel: 'fleet', extra: true },
  { channel: { $ne: 1 } },
  { channels: ['fleet'] },
  'subscribe fleet',
];

const MALFORMED_REQUESTS: { path: string; init?: RequestInit; token?: string | null }[] = [
  { path: '/api/fleet/vehicles/cab-0001/history?minutes=-5' },
  { path: '/api/fleet/vehicles/cab-0001/history?minutes=abc' },
  { path: '/api/fleet/vehicles/cab-0001/history?minutes=100000' },
  { path: '/api/fleet/vehicles/%E2%9C%93%20x/history' },
  { path: `/api/fleet/vehicles/${'a'.repeat(300)}/history` },
  { path: '/api/fleet/vehicles', token: 'garbage token with spaces' },
  { path: '/api/fleet/vehicles', token: '' },
  { path: '/api/fleet/vehicles', init: { method: 'POST', body: '{not json', headers: { 'content-type': 'application/json' } } },
  { path: '/api/fleet/vehicles', init: { method: 'PUT', body: '\u0000\u0001\u0002', headers: { 'content-type': 'application/octet-stream' } } },
  { path: '/api/fleet/vehicles', init: { method: 'POST', body: JSON.stringify({ vehicles: [{ vehicleId: 'x'.repeat(10_000) }] }) } },
];

describe('malformed input from clients', () => {
  const stack = new TestStack({
    brokers: inject('brokers'),
    bffPort: TEST_PORTS.malformed,
    logName: 'integration-malformed',
    cabs: 1,
    tankers: 0,
    pipeline: false,
  });
  const sockets: TestSocket[] = [];

  beforeAll(() => stack.start());
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await stack.stop();
  });

  it('answers each of 1,000 malformed socket payloads with a clear error, and keeps serving a well-behaved client', async () => {
    // Another user: socket rate limits are per user, so the flooder's ten connections share one budget.
    const bystander = await connectSocket(stack.url, null, await signInOverHttp(stack.url, 'fleet', 'demo'));
    sockets.push(bystander);
    const acks: unknown[] = [];
    for (let client = 0; client < 10; client += 1) {
      const socket = await connectSocket(stack.url);
      sockets.push(socket);
      const batch = Array.from({ length: 100 }, (_, index) =>
        emitRaw(socket, index % 2 === 0 ? 'subscribe' : 'unsubscribe', MALFORMED_SOCKET_PAYLOADS[(client * 100 + index) % MALFORMED_SOCKET_PAYLOADS.length]),
      );
      acks.push(...(await Promise.all(batch)));
    }
    expect(acks).toHaveLength(1000);
    for (const ack of acks) {
      expect(ack).toMatchObject({ error: { code: expect.stringMatching(/^(invalid_request|rate_limited)$/), message: expect.any(String) } });
    }
    // Checked, not just limited: at least the user's whole burst (2 × SOCKET_EVENTS_PER_SECOND) got its own answer.
    expect(acks.filter((ack) => (ack as { error: { code: string } }).error.code === 'invalid_request').length).toBeGreaterThanOrEqual(40);
    expect(acks.filter((ack) => (ack as { error: { code: string } }).error.code === 'rate_limited').length).toBeGreaterThan(0);
    expect(await subscribe(bystander, 'fleet')).toEqual({ ok: true });
  });

  it('answers each of 1,000 malformed requests with a 4xx, and keeps serving', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 100; round += 1) {
      const responses = await Promise.all(
        MALFORMED_REQUESTS.map((request) => stack.fetch(request.path, request.init, request.token === undefined ? undefined : request.token)),
      );
      for (const response of responses) {
        statuses.push(response.status);
        const body = await response.text();
        if (response.headers.get('content-type')?.includes('application/json')) {
          expect(JSON.parse(body)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        }
      }
    }
    expect(statuses).toHaveLength(1000);
    expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
    const health = await stack.fetchJson<HealthResponse>('/api/health');
    expect(health.status).toBe('ok');
    expect((await stack.fetch('/api/fleet/vehicles')).status).toBe(200);
  });
});
