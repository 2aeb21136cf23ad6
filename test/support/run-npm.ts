import { spawn } from 'node:child_process';

import type { ChildEnv } from '../../scripts/lib/process-group';
import { ROOT } from '../../scripts/lib/stack';

import { userEnv } from './user-env';

/** `npm run <args>` as a person types it, in a shell holding only `settings`; its exit code and everything it printed. */
export function runNpm(args: string[], settings: ChildEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', ...args], { cwd: ROOT, env: userEnv(settings) as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out }));
  });
}
