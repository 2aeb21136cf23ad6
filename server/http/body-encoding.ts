import type { ServerResponse } from 'node:http';

/**
 * How an answer's bytes are sent: as they are, or as a zlib stream (`Content-Encoding: deflate`),
 * which every browser accepts. A 60× steps answer is about 33 MB of JSON at 10,000 vehicles: about
 * 5.5 MB deflated, to the browser's network and through the BFF's main thread.
 */
export type BodyEncoding = 'identity' | 'deflate';

/**
 * Next.js drops `Content-Encoding` from a route handler's Response (the body may have been decoded
 * by a fetch on its way), so a body deflated on the replay worker says so under this name instead,
 * and the custom server restores `Content-Encoding` (keepBodyEncoding).
 */
export const BODY_ENCODING_HEADER = 'x-fleetwatch-body-encoding';

/** Turns BODY_ENCODING_HEADER, as Next.js sets it on the Node response, back into `Content-Encoding`. */
export function keepBodyEncoding(response: ServerResponse): void {
  const setHeader = response.setHeader.bind(response);
  response.setHeader = (name: string, value: number | string | readonly string[]) => {
    if (name.toLowerCase() !== BODY_ENCODING_HEADER) return setHeader(name, value);
    return setHeader('Content-Encoding', Array.isArray(value) ? String(value[0]) : String(value));
  };
}

/** Whether the request's Accept-Encoding takes `deflate` (by name or `*`, with a q above 0). */
export function acceptsDeflate(request: Request): boolean {
  const header = request.headers.get('accept-encoding') ?? '';
  return header.split(',').some((entry) => {
    const [name = '', ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
    const q = params.find((param) => param.startsWith('q='));
    return (name === 'deflate' || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}
