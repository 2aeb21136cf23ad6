/**
 * A receiver's address as logs, pages and the audit trail may show it: no user or password, no
 * query string (tokens live there), and for webhook URLs whose path is the secret (Slack) no path.
 */
export function redactUrl(text: string, options: { keepPath?: boolean } = {}): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return '<invalid url>';
  }
  const auth = url.username || url.password ? '<secret>@' : '';
  const path = options.keepPath === false ? (url.pathname === '/' ? '' : '/<secret>') : url.pathname === '/' ? '' : url.pathname;
  return `${url.protocol}//${auth}${url.host}${path}${url.search ? '?<secret>' : ''}`;
}

/** Error messages may quote the URL they failed on: every configured secret is cut out of them. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length >= 4) result = result.split(secret).join('<secret>');
  return result.slice(0, 1_000);
}
