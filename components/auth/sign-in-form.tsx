'use client';

import { signIn } from 'next-auth/react';
import type { FormEvent } from 'react';
import { useState } from 'react';

import { sameOriginPath } from '@/lib/auth/callback-url';

export function SignInForm({ callbackUrl, oidcName }: { callbackUrl: string; oidcName?: string }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    const result = await signIn('credentials', { redirect: false, username: form.get('username'), password: form.get('password') }).catch(() => undefined);
    setBusy(false);
    if (result?.ok && !result.error) {
      // Checked again where it is followed, against the origin the browser is actually on.
      window.location.assign(sameOriginPath(callbackUrl, window.location.origin));
    } else {
      setError(result?.status === 429 || result?.error === 'rate_limited' ? 'Too many attempts; wait a minute.' : 'Wrong username or password.');
    }
  }

  return (
    <div className="signin">
      <form onSubmit={onSubmit} className="signin-form" aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in</h1>
        <label>
          Username
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcName && (
        <button type="button" className="signin-sso" onClick={() => void signIn('oidc', { callbackUrl: sameOriginPath(callbackUrl, window.location.origin) })}>
          {oidcName}
        </button>
      )}
    </div>
  );
}
