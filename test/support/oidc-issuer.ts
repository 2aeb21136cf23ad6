import http from 'node:http';

import Provider from 'oidc-provider';

export interface OidcAccount {
  sub: string;
  username: string;
  /** The role claim's value; absent: a user the provider knows but gave no role. */
  roles?: string[];
}

export interface OidcClient {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}

/**
 * A real OpenID provider (the `oidc-provider` package, as certified by the OpenID Foundation)
 * on loopback. Its login and consent pages are replaced by an automatic answer for the account
 * the test chose with `signInAs`, so a test drives the whole code flow over HTTP.
 */
export class OidcIssuer {
  readonly issuer: string;
  private next: OidcAccount | undefined;
  private readonly accounts = new Map<string, OidcAccount>();
  private readonly server: http.Server;

  constructor(port: number, client: OidcClient) {
    this.issuer = `http://127.0.0.1:${port}`;
    const provider = new Provider(this.issuer, {
      clients: [
        {
          client_id: client.clientId,
          client_secret: client.clientSecret,
          redirect_uris: [client.redirectUri],
          grant_types: ['authorization_code'],
          response_types: ['code'],
        },
      ],
      findAccount: (_ctx: unknown, sub: string) => {
        const account = this.accounts.get(sub);
        return account && { accountId: sub, claims: () => ({ sub, preferred_username: account.username, ...(account.roles ? { roles: account.roles } : {}) }) };
      },
      claims: { openid: ['sub'], profile: ['preferred_username', 'roles'] },
      // The BFF reads the role from the ID token, as most providers (Entra ID, Keycloak) put it there.
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: false } },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
      cookies: { keys: ['test-only-cookie-key'] },
    });
    const callback = provider.callback();
    this.server = http.createServer((req, res) => {
      if (req.url?.startsWith('/interaction/')) void this.interact(provider, req, res);
      else callback(req, res);
    });
    this.server.listen(port, '127.0.0.1');
  }

  /** The account the next authorization request signs in as. */
  signInAs(account: OidcAccount): void {
    this.accounts.set(account.sub, account);
    this.next = account;
  }

  private async interact(provider: Provider, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const details = await provider.interactionDetails(req, res);
      if (details.prompt.name === 'login') {
        if (!this.next) throw new Error('no account chosen: call signInAs first');
        await provider.interactionFinished(req, res, { login: { accountId: this.next.sub } }, { mergeWithLastSubmission: false });
        return;
      }
      const grant =
        (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ??
        new provider.Grant({ accountId: details.session?.accountId, clientId: details.params.client_id });
      grant.addOIDCScope(details.params.scope ?? 'openid');
      await provider.interactionFinished(req, res, { consent: { grantId: await grant.save() } }, { mergeWithLastSubmission: true });
    } catch (error) {
      res.statusCode = 500;
      res.end(String(error));
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
