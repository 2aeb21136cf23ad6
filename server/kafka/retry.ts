import type { Logger } from '@/platform/logger';

export interface RetryOptions {
  logger: Logger;
  /** Stops retrying (and rejects) once this says the process is shutting down. */
  isStopping?: () => boolean;
  /** Undoes a half-done attempt before the next one. */
  cleanup?: () => Promise<void>;
  maxDelayMs?: number;
}

/**
 * Starting against a cluster that is still electing leaders or loading coordinators fails in
 * ways that heal by themselves in seconds; retry with backoff instead of crashing.
 */
export async function retryUntilDone<T>(what: string, attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt();
    } catch (error) {
      if (options.isStopping?.()) throw error;
      const delayMs = Math.min(options.maxDelayMs ?? 30_000, 500 * 2 ** Math.min(attemptNumber, 6));
      options.logger.warn({ err: (error as Error).message, attempt: attemptNumber, retryInMs: delayMs }, `could not ${what}; retrying`);
      await options.cleanup?.().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
