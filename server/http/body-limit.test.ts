import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { limitBody } from './body-limit';

/** A plain server that reads whole bodies, as a route handler would, behind the limit. */
const server = createServer((req, res) => {
  if (limitBody(req, res, 1_024)) return;
  let bytes = 0;
  req.on('data', (chunk: Buffer) => (bytes += chunk.length));
  req.on('end', () => res.end(String(bytes)));
  req.on('error', () => undefined);
});
let port = 0;

function send(headers: Record<string, string | number>, chunks: Buffer[], keepSending = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/', headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', (error) => (keepSending ? undefined : reject(error)));
    req.flushHeaders();
    for (const chunk of chunks) req.write(chunk);
    if (!keepSending) req.end();
  });
}

describe('limitBody', () => {
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('passes bodies within the limit, declared or streamed', async () => {
    expect(await send({ 'content-length': 1_000 }, [Buffer.alloc(1_000)])).toEqual({ status: 200, body: '1000' });
    expect(await send({ 'transfer-encoding': 'chunked' }, [Buffer.alloc(500), Buffer.alloc(500)])).toEqual({ status: 200, body: '1000' });
  });

  it('answers 413 to a declared 200 MB body before a byte of it is sent', async () => {
    const answer = await send({ 'content-length': 200 * 1024 * 1024 }, [], true);
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('too_large');
  });

  it('answers 413 to a streamed body as soon as it passes the limit', async () => {
    const answer = await send({ 'transfer-encoding': 'chunked' }, [Buffer.alloc(800), Buffer.alloc(800)], true);
    expect(answer.status).toBe(413);
  });
});
