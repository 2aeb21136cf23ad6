import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

/**
 * Runs `work` over the items with at most `limit` at a time, yielding to the event loop between
 * items, so a poll of hundreds of groups never holds up HTTP and Socket.IO traffic.
 */
export async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next] as T;
      next += 1;
      await work(item);
      await yieldToEventLoop();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

export { yieldToEventLoop };
