/**
 * Signs in through Auth.js's own endpoints, as the sign-in form does, and returns the cookies
 * that make up the session, ready for a `cookie` header.
 */
export async function signInOverHttp(baseUrl: string, username: string, password: string): Promise<string> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = cookiesOf(csrfResponse);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies, origin: baseUrl },
    body: new URLSearchParams({ csrfToken, username, password, json: 'true' }),
  });
  const session = cookiesOf(response);
  if (!session.includes('next-auth.session-token=')) throw new Error(`sign-in as ${username} failed: HTTP ${response.status}`);
  return `${csrfCookies}; ${session}`;
}

function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';', 1)[0])
    .join('; ');
}
