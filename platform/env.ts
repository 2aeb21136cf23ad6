import { z } from 'zod';

/**
 * What every process's settings are made of: the env helpers, the one error type and the rule that
 * empty strings mean unset. Each process validates only the settings it uses (the simulator never
 * needs the BFF's), every one of them listed in the README's settings table.
 */
export const envBool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((value) => value === 'true' || value === '1' || value === 'yes');
export const envInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
export const envPositive = (max: number) => z.coerce.number().positive().max(max);
export const envRate = (max: number) => z.coerce.number().nonnegative().max(max);

export type Env = Record<string, string | undefined>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment against a schema and the checks that span several settings, and
 * reports every problem at once. Empty strings mean "unset", as they do in most .env files.
 */
export function parseEnv<S extends z.ZodObject>(schema: S, env: Env, crossChecks: (parsed: z.output<S>) => string[] = () => []): z.output<S> {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  const problems = crossChecks(parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  return parsed.data;
}

/** For entry points: the settings, or a clear list of what is wrong and exit code 2. */
export function settingsOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
