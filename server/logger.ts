import pino from 'pino';

import { getLogSettings } from './config';

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
      transport: { target: 'pino-pretty', options: { colorize: process.stdout.isTTY, translateTime: 'HH:MM:ss', ignore: 'pid,hostname,component', singleLine: true } },
    });
  }
  return pino({ level });
}

export type Logger = pino.Logger;
