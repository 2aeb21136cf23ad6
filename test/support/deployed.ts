import { execFileSync } from 'node:child_process';

import type { ChildEnv } from '../../scripts/lib/process-group';
import { ROOT } from '../../scripts/lib/stack';

/** What a deployment's operator holds after following the README: settings made with `npm run auth`, and the secrets they stand for. */
export interface DeployedAuth {
  env: ChildEnv;
  user: { name: string; password: string };
  apiToken: string;
}

function auth(args: string[]): string {
  return execFileSync('npm', ['run', '--silent', 'auth', '--', ...args], { cwd: ROOT, encoding: 'utf8' });
}

/** The last line that looks like `name:role:hash`: the CLI prints the entry after a line of explanation. */
function entryLine(output: string): string {
  const entry = output.trim().split('\n').pop();
  if (!entry?.includes(':')) throw new Error(`npm run auth printed no entry:\n${output}`);
  return entry.trim();
}

/**
 * The BFF's settings outside demo mode, made by the auth CLI exactly as the README tells an
 * operator to: a secret, one local user with a password, one API token. No DEMO_MODE.
 */
export function deployedAuth(publicUrl: string): DeployedAuth {
  const secret = /AUTH_SECRET=(\S+)/.exec(auth(['new-secret']))?.[1];
  const user = { name: 'dana', password: 'a long passphrase for dana' };
  const users = entryLine(auth(['hash-password', user.name, 'fleet', user.password]));
  const tokenOutput = auth(['new-token', 'ops-robot', 'admin']);
  const apiToken = /: (\S+)\n/.exec(tokenOutput)?.[1];
  if (!secret || !apiToken) throw new Error('npm run auth printed no secret or token');
  return {
    env: { DEMO_MODE: undefined, AUTH_SECRET: secret, AUTH_USERS: users, AUTH_API_TOKENS: entryLine(tokenOutput), PUBLIC_URL: publicUrl },
    user,
    apiToken,
  };
}
