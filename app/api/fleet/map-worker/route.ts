import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const dynamic = 'force-dynamic';

/**
 * MapLibre's web worker, served from this site so the content security policy can allow workers
 * from 'self' only (MapLibre would otherwise build one from a blob: URL).
 */
export async function GET(): Promise<Response> {
  const file = path.join(process.cwd(), 'node_modules', 'maplibre-gl', 'dist', 'maplibre-gl-worker.mjs');
  return new Response(await readFile(file), { headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'private, max-age=86400' } });
}
