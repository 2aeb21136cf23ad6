/** Cookies per origin, as a browser keeps them across redirects between the BFF and the identity provider. */
export class CookieJar {
  private readonly byHost = new Map<string, Map<string, string>>();

  header(url: string): string {
    return [...(this.byHost.get(new URL(url).host) ?? new Map<string, string>())].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  /** Keeps what a response sets; returns the raw Set-Cookie lines for assertions on their attributes. */
  store(url: string, response: Response): string[] {
    const lines = response.headers.getSetCookie();
    const jar = this.byHost.get(new URL(url).host) ?? new Map<string, string>();
    for (const line of lines) {
      const [pair = ''] = line.split(';', 1);
      const at = pair.indexOf('=');
      const expired = /max-age=0|expires=thu, 01 jan 1970/i.test(line);
      if (expired) jar.delete(pair.slice(0, at));
      else jar.set(pair.slice(0, at), pair.slice(at + 1));
    }
    this.byHost.set(new URL(url).host, jar);
    return lines;
  }

  /** A request with this jar's cookies for its origin, redirects not followed. */
  async fetch(url: string, init: RequestInit = {}): Promise<{ response: Response; setCookies: string[] }> {
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie) headers.set('cookie', cookie);
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    return { response, setCookies: this.store(url, response) };
  }
}
