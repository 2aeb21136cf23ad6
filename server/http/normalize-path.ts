import path from 'node:path';

/**
 * The path as the router will see it, for every access decision: percent-decoded once (as
 * Next.js decodes it), backslashes as slashes, repeated slashes and dot segments resolved. So
 * `/api/auth/%63allback/credentials` and `/api//auth/./callback/x` are what they route to.
 * Undefined when the encoding is malformed (the request is refused).
 */
export function normalizePath(rawPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  return path.posix.normalize(`/${decoded.replace(/\\/g, '/')}`).replace(/\/+/g, '/');
}
