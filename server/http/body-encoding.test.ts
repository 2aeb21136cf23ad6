import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { acceptsDeflate, BODY_ENCODING_HEADER, keepBodyEncoding } from './body-encoding';

// As Next.js copies a route's headers onto the Node response: setHeader with an array of values.
const server = createServer((_req, res) => {
  keepBodyEncoding(res);
  res.setHeader('content-type', ['application/json']);
  res.setHeader(BODY_ENCODING_HEADER, ['deflate']);
  res.end('x');
});

beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('keepBodyEncoding', () => {
  it('sends the body encoding a route set under its own name as Content-Encoding, and not the name itself', async () => {
    const { port } = server.address() as AddressInfo;
    const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/' }, (res) => {
        res.resume();
        resolve(res.headers);
      })
        .on('error', reject)
        .end();
    });
    expect(headers['content-encoding']).toBe('deflate');
    expect(headers[BODY_ENCODING_HEADER]).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
  });
});

describe('acceptsDeflate', () => {
  const asking = (acceptEncoding?: string) =>
    new Request('http://127.0.0.1/api/fleet/replay', { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} });

  it('takes deflate when the client names it or any encoding, and not when it refuses it or says nothing', () => {
    expect(acceptsDeflate(asking('gzip, deflate, br, zstd'))).toBe(true);
    expect(acceptsDeflate(asking('*'))).toBe(true);
    expect(acceptsDeflate(asking('br;q=1.0, Deflate;q=0.5'))).toBe(true);
    expect(acceptsDeflate(asking('gzip, deflate;q=0'))).toBe(false);
    expect(acceptsDeflate(asking('gzip'))).toBe(false);
    expect(acceptsDeflate(asking())).toBe(false);
  });
});
