import path from 'node:path';

import type { ChildEnv, ChildSpec } from './process-group';

export const ROOT = path.resolve(__dirname, '..', '..');

/** A TypeScript entry point run by Node with tsx's loader: one process, signals reach it directly. */
export function tsEntry(name: string, file: string, args: string[] = [], env: ChildEnv = {}): ChildSpec {
  return { name, command: process.execPath, args: ['--import', 'tsx', path.join(ROOT, file), ...args], env };
}

export function simulatorSpec(args: string[] = [], env: ChildEnv = {}): ChildSpec {
  return tsEntry('simulator', 'pipeline/simulator/main.ts', args, env);
}

export function bffSpec(env: ChildEnv = {}): ChildSpec {
  return tsEntry('bff', 'server/main.ts', [], { NODE_ENV: 'production', ...env });
}
