import { request as httpRequest, createServer } from 'node:http';
import type { Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { nginxSpec } from '../../infra/nginx';
import { ProcessGroup, waitForUrl } from '../../scripts/lib/process-group';
import { TEST_PORTS } from '../support/ports';

const NGINX_PORT = TEST_PORTS.nginx;
const UPSTREAM_PORT = TEST_PORTS.nginx + 1;

/** A replay scene's shape in small: many vehicles, the same keys in each, as the BFF streams it. */
const SCENE = JSON.stringify({
  vehicles: Array.from({ length: 2_000 }, (_, i) => ({ vehicleId: `cab-${i}`, lat: 47.3 + i / 1e5, lon: 8.5 - i / 1e5, status: 'moving', speedKmh: i % 90 })),
});

interface Answer {
  status: number;
  encoding: string | undefined;
  body: Buffer;
}

function get(pathname: string, headers: Record<string, string>): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port: NGINX_PORT, path: pathname, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, encoding: response.headers['content-encoding'], body: Buffer.concat(chunks) }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end();
  });
}

/**
 * The repository's nginx configuration (Debian's nginx) in front of a plain HTTP server standing
 * in for a BFF: what the proxy itself does to answers, here their compression.
 */
describe('nginx in front of the BFF', () => {
  const group = new ProcessGroup({ output: { kind: 'file', path: path.join('.data', 'test-logs', 'integration-nginx.log') } });
  let upstream: Server;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      if (request.url === '/api/scene') {
        // Chunked with no length, in pieces, as a replay answer leaves the BFF.
        response.writeHead(200, { 'content-type': 'application/json' });
        for (let at = 0; at < SCENE.length; at += 64 * 1024) response.write(SCENE.slice(at, at + 64 * 1024));
        response.end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => upstream.listen(UPSTREAM_PORT, '127.0.0.1', resolve));
    group.start(nginxSpec({ port: NGINX_PORT, upstreams: [UPSTREAM_PORT], prefix: path.join(os.tmpdir(), `fw-nginx-test-${NGINX_PORT}`) }));
    await waitForUrl(`http://127.0.0.1:${NGINX_PORT}/api/ok`, 15_000);
  });

  afterAll(async () => {
    await group.stopAll();
    await new Promise((resolve) => upstream.close(resolve));
  });

  it('compresses a large JSON answer for a browser that accepts gzip, and the text arrives whole', async () => {
    const answer = await get('/api/scene', { 'accept-encoding': 'gzip, deflate, br' });
    expect(answer.status).toBe(200);
    expect(answer.encoding).toBe('gzip');
    expect(gunzipSync(answer.body).toString('utf8')).toBe(SCENE);
    expect(answer.body.length).toBeLessThan(SCENE.length / 4);
  });

  it('sends the answer as it is to a client that does not accept gzip', async () => {
    const answer = await get('/api/scene', {});
    expect(answer.encoding).toBeUndefined();
    expect(answer.body.toString('utf8')).toBe(SCENE);
  });
});
