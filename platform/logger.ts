import pino from 'pino';
import { z } from 'zod';

import type { Env } from './env';

export const logEnvShape = {
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
};
const logEnvSchema = z.object(logEnvShape);
export type LogSettings = { level: z.output<typeof logEnvSchema>['LOG_LEVEL']; format: z.output<typeof logEnvSchema>['LOG_FORMAT'] };

/**
 * Just the logging settings: the logger must work in processes that have no product settings
 * of their own (tests, CLIs) and even while the full configuration is being reported as invalid.
 */
export function getLogSettings(env: Env = process.env): LogSettings {
  const parsed = logEnvSchema.safeParse({ LOG_LEVEL: env.LOG_LEVEL || undefined, LOG_FORMAT: env.LOG_FORMAT || undefined });
  return parsed.success ? { level: parsed.data.LOG_LEVEL, format: parsed.data.LOG_FORMAT } : { level: 'info', format: 'json' };
}

let root: pino.Logger | undefined;

/** The one logger: JSON lines by default, human-readable with LOG_FORMAT=pretty (the demo sets it). */
export function getLogger(component: string): pino.Logger {
  root ??= createRootLogger();
  return root.child({ component });
}

function createRootLogger(): pino.Logger {
  const { level, format } = getLogSettings();
  if (format === 'pretty') {
    return pino({
      level,
      transport: {
        target: 'pino-pretty',
        options: { colorize: process.stdout.isTTY, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,component', singleLine: true },
      },
    });
  }
  return pino({ level });
}

export type Logger = pino.Logger;
