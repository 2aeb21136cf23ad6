import type { IncomingMessage, ServerResponse } from 'node:http';

import { httpRejections } from '../metrics';

/**
 * Refuses request bodies over `maxBytes` with 413, on every route and before anything reads them:
 * a declared `content-length` is refused at once; a streamed (chunked) body is counted as the
 * parser hands it over, and the request is cut off the moment it passes the limit, so a body is
 * never held in memory beyond it. Returns true when it answered the request itself.
 */
export function limitBody(request: IncomingMessage, response: ServerResponse, maxBytes: number): boolean {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    refuse(request, response, maxBytes);
    return true;
  }
  if (request.headers['transfer-encoding'] === undefined) return false;
  let received = 0;
  const push = request.push.bind(request);
  // The HTTP parser delivers every body chunk through push(), whether or not anyone reads yet.
  request.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk === null) return push(chunk, encoding);
    received += (chunk as Buffer).length;
    if (received <= maxBytes) return push(chunk, encoding);
    refuse(request, response, maxBytes);
    return false;
  };
  return false;
}

function refuse(request: IncomingMessage, response: ServerResponse, maxBytes: number): void {
  if (response.headersSent) {
    request.socket.destroy();
    return;
  }
  httpRejections.inc({ code: 'too_large' });
  response.writeHead(413, { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' });
  response.end(JSON.stringify({ error: { code: 'too_large', message: `Request bodies are limited to ${maxBytes} bytes.` } }));
  // Whatever else the client sends is not read: the connection closes once the answer is out.
  response.once('finish', () => request.socket.destroy());
}
