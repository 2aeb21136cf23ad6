/**
 * Where to go after sign-in: the given URL only when the URL parser resolves it to our own
 * origin, as a path; anything else (another host, `//host`, `/\\host`, `javascript:`) is `/`.
 * Browsers read `\\` as `/`, so a string check such as "starts with / but not //" is not enough.
 */
export function sameOriginPath(value: unknown, origin: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 2_000) return '/';
  try {
    const own = new URL(origin).origin;
    const url = new URL(value, origin);
    const path = `${url.pathname}${url.search}${url.hash}`;
    // A resolved path may itself start with `//` (`/..//host`): followed as a link, that leaves the site.
    return url.origin === own && new URL(path, origin).origin === own ? path : '/';
  } catch {
    return '/';
  }
}
